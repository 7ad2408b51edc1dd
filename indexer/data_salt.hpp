// data_salt.hpp — the fingerprint of what, besides an article, decides its terms and extraction.
#pragma once
#include <string>

namespace veille {

struct IndexOptions;

/// Schema and analysis versions, the compiled-in data files and any --companies / --topics file,
/// hashed like an empty article: part of every content hash, so that a change to any of them
/// re-indexes every article. Throws when --companies or --topics cannot be read.
std::string data_salt(const IndexOptions& opt);

}  // namespace veille
