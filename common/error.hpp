// error.hpp — the exception hierarchy and exit codes shared by both binaries.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>

namespace veille {

/// Process exit codes, documented in the README. Mapped from exceptions only in main().
enum class ExitCode : int { Ok = 0, Error = 1, Usage = 2, Rejected = 3, GateFailed = 4 };

/// Base of every run-stopping failure; the message is one line, ready to print after the program name.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
    [[nodiscard]] virtual ExitCode exit_code() const { return ExitCode::Error; }
};

/// Bad command line or option value (exit 2).
class UsageError : public Error {
public:
    using Error::Error;
    [[nodiscard]] ExitCode exit_code() const override { return ExitCode::Usage; }
};

/// A query that cannot be parsed; `column` is 1-based in characters (exit 2).
class QueryError : public Error {
public:
    QueryError(const std::string& what, std::size_t column)
        : Error("query column " + std::to_string(column) + ": " + what), column_(column) {}
    [[nodiscard]] ExitCode exit_code() const override { return ExitCode::Usage; }
    [[nodiscard]] std::size_t column() const { return column_; }

private:
    std::size_t column_;
};

/// Fatal problem with an input file: "file:line: reason" (exit 1).
class InputError : public Error {
public:
    InputError(const std::string& file, std::size_t line, const std::string& reason)
        : Error(file + (line ? ":" + std::to_string(line) : std::string()) + ": " + reason) {}
};

/// Database cannot be opened, locked, wrong schema, disk full: "path: reason" (exit 1).
class DatabaseError : public Error {
public:
    DatabaseError(const std::string& path, const std::string& reason) : Error(path + ": " + reason) {}
};

/// A relevance gate failed (exit 4).
class GateFailed : public Error {
public:
    using Error::Error;
    [[nodiscard]] ExitCode exit_code() const override { return ExitCode::GateFailed; }
};

}  // namespace veille
