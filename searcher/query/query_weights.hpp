// query_weights.hpp — the weights the query stage builds into the Xapian query (words, titles,
// synonyms, phrases, compounds, proximity); the matcher's RankingParams extends them with BM25's.
#pragma once

namespace veille {

struct QueryWeights {
    double title_weight = 0.0;       ///< scale of a title-field (ZS) match added to the body match; 0: none, a
                                     ///< title's words already count kTitleWdf times in their stem (schema.hpp;
                                     ///< eval: 0.25 cost the docs sets 0.03 MRR, nothing elsewhere)
    double coordination_weight = 0.0;///< scale of the all-words (AND) match added for short queries; 0: none.
                                     ///< BM25's saturation and the proximity stage already favour articles
                                     ///< holding more of the words (Lucene dropped its coord factor with
                                     ///< BM25 for the same reason); eval: 0.5 cost the docs sets 0.013 MRR,
                                     ///< the corpus 0.0004 nDCG@10, and won it 0.0033 MRR (one query)
    unsigned coordination_max_words = 5; ///< coordination boost applies up to this many query units
    double synonym_weight = 0.8;     ///< scale of synonym alternatives relative to the typed word
    double phrase_weight = 1.0;      ///< scale of a quoted phrase that is optional (its words count too); 0 = words not counted
    double compound_part_weight = 0.0;  ///< scale of each part of a set compound found alone (« Moyen-Orient »)
    double compound_split_ratio = 0.5;  ///< a compound whose whole makes less than this share of its rarer
                                        ///< part's articles is a pairing (« Angers-OM »): its parts count
                                        ///< as words of their own; 0 = never
    double form_weight = 0.2;        ///< scale of the word's own (unstemmed, accent-folded) form
    double proximity_ordered_weight = 0.4;   ///< scale of neighbouring query words found in order
    double proximity_unordered_weight = 0.0; ///< scale of neighbouring query words found within the window in any
                                             ///< order (eval, 0.3 + 0.15 against 0.4 + 0: lower on news, PIAF and docs)
    unsigned proximity_window = 8;           ///< the unordered window, in positions (SDM's usual 8)
    unsigned proximity_max_pairs = 16;       ///< pairs of a longer run of words are not scored
};

}  // namespace veille
