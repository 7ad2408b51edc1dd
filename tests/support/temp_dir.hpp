// temp_dir.hpp — a unique temporary directory removed with its contents on destruction.
#pragma once
#include <filesystem>
#include <string>

namespace veille::test {

/// RAII temporary directory under $TMPDIR (never a fixed path).
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// path()/name as a string.
    [[nodiscard]] std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    /// Writes `content` to path()/name and returns the full path.
    std::string write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path path_;
};

}  // namespace veille::test
