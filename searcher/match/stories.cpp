// stories.cpp — one value per result (the signature, with its day and outlet): no other article is
// looked up, so local databases and remote shards fold alike, and an article added, replaced or
// deleted changes nothing stored elsewhere.
#include "searcher/match/stories.hpp"

#include <utility>

#include "common/schema.hpp"
#include "common/story/story_signature.hpp"

namespace veille {

std::vector<StoryEntry> fold_stories(const std::vector<PageEntry>& ranked) {
    std::vector<StoryEntry> out;
    // The stories a later result can join: those whose first result has a signature.
    std::vector<std::pair<std::size_t, StorySignature>> heads;
    for (const PageEntry& entry : ranked) {
        const auto signature = StorySignature::decode(entry.it.get_document().get_value(slot::kStorySignature));
        bool joined = false;
        if (signature)
            for (const auto& [story, head] : heads)
                if (same_story(head, *signature)) {
                    out[story].also.push_back(entry);
                    joined = true;
                    break;
                }
        if (joined) continue;
        if (signature) heads.emplace_back(out.size(), *signature);
        out.push_back({entry, {}});
    }
    return out;
}

Xapian::doccount story_window(Xapian::doccount offset, Xapian::doccount limit) {
    constexpr Xapian::doccount kMargin = 10;
    return offset + limit + kMargin;
}

}  // namespace veille
