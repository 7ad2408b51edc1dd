// stories.cpp — signatures are read from the results' own value slots: no other article is looked
// up, so local databases and remote shards fold alike, and an article added, replaced or deleted
// changes nothing stored elsewhere.
#include "searcher/match/stories.hpp"

#include <optional>

#include "common/schema.hpp"
#include "common/story/story_signature.hpp"

namespace veille {

namespace {

struct Head {
    std::size_t story;  // index in the output
    StorySignature signature;
    std::optional<long> day;
};

}  // namespace

std::vector<StoryEntry> fold_stories(const std::vector<PageEntry>& ranked) {
    std::vector<StoryEntry> out;
    std::vector<Head> heads;  // the stories a later result can join: those whose first result has a signature
    for (const PageEntry& entry : ranked) {
        const Xapian::Document doc = entry.it.get_document();
        const auto signature = StorySignature::decode(doc.get_value(slot::kStorySignature));
        const std::optional<long> day = signature ? story_day(doc.get_value(slot::kDate)) : std::nullopt;
        bool joined = false;
        if (signature && day)
            for (const Head& h : heads)
                if (same_story(h.signature, h.day, *signature, day)) {
                    out[h.story].also.push_back(entry);
                    joined = true;
                    break;
                }
        if (joined) continue;
        if (signature && day) heads.push_back({out.size(), *signature, day});
        out.push_back({entry, {}});
    }
    return out;
}

Xapian::doccount story_window(Xapian::doccount offset, Xapian::doccount limit) {
    constexpr Xapian::doccount kMargin = 10;
    return offset + limit + kMargin;
}

}  // namespace veille
