// atom_feed.hpp — a watch's latest matches as an Atom 1.0 feed (RFC 4287), for any feed reader.
#pragma once
#include <string>
#include <string_view>

#include "searcher/request.hpp"
#include "searcher/watch/watch_store.hpp"

namespace veille {

/// The feed of `watch` holding the articles of `latest` (newest first), as a UTF-8 XML document:
/// feed id urn:veille:watch:NAME, title « veille : NAME », updated = its newest entry (else the
/// watch's creation); each entry's id urn:veille:article:ID (ID percent-encoded), title, link only
/// to an http/https URL, updated = the article's date (else when the watch reported it), author =
/// the source, categories = the topics, summary = the snippet as plain text (else the start of the
/// body); with `self_url` (serve: where the feed was fetched), the link rel="self" RFC 4287 asks
/// for. Text is escaped and characters XML 1.0 forbids are dropped: a title
/// « <script>alert(1)</script> » is character data, never markup.
std::string atom_feed(const Watch& watch, const SearchResult& latest,
                      std::string_view self_url = {});

}  // namespace veille
