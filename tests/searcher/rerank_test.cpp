// rerank_test.cpp — the two-stage relevance order: one total order however it is paged (across the
// re-scored head and past it), and neighbouring query words in order rank an article first.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "searcher/match/engine.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

veille::SearchRequest request_for(const std::string& query, std::size_t offset, std::size_t limit) {
    veille::SearchRequest r;
    r.query = query;
    r.offset = offset;
    r.limit = limit;
    r.snippets = false;
    return r;
}

}  // namespace

TEST_CASE("two-stage ranking: pages of 3 are the one list, scores never rise, each article once",
          "[searcher][ranking]") {
    veille::RankingParams params;
    params.rerank_depth = 7;  // the head ends inside the third page
    veille::Engine engine(veille::test::corpus_db(), params);
    for (const char* q : {"modèles de langage", "puces pour l'intelligence artificielle", "données personnelles des "
                                                                                            "utilisateurs"}) {
        DYNAMIC_SECTION("« " << q << " »") {
            const auto whole = engine.search(request_for(q, 0, 1000));
            REQUIRE(whole.hits.size() > 12);
            std::set<std::string> ids;
            for (std::size_t i = 0; i < whole.hits.size(); ++i) {
                CHECK(ids.insert(whole.hits[i].article.id).second);
                if (i > 0) CHECK(whole.hits[i].score <= whole.hits[i - 1].score);
            }
            for (std::size_t offset = 0; offset < 15; offset += 3) {
                const auto page = engine.search(request_for(q, offset, 3));
                REQUIRE(page.hits.size() == 3);
                for (std::size_t i = 0; i < 3; ++i) {
                    CHECK(page.hits[i].article.id == whole.hits[offset + i].article.id);
                    CHECK(page.hits[i].score == whole.hits[offset + i].score);
                    CHECK(page.hits[i].rank == offset + i + 1);
                }
            }
        }
    }
}

TEST_CASE("two-stage ranking: the query's words next to each other, in order, rank first", "[searcher][ranking]") {
    const veille::test::TempDir tmp;
    const std::string input = tmp / "articles.jsonl";
    {
        // The same words, as often (the same length, the same weights): only their order differs.
        std::ofstream out(input);
        out << R"({"id": "apart", "title": "Brasseries", "date": "2025-03-02", "body": "Le prix a augmenté cette année selon les brasseurs du quartier de la bière artisanale."})"
            << '\n'
            << R"({"id": "next", "title": "Brasseries", "date": "2025-03-02", "body": "Le prix de la bière artisanale a augmenté cette année selon les brasseurs du quartier."})"
            << '\n'
            << R"({"id": "reversed", "title": "Brasseries", "date": "2025-03-02", "body": "La bière artisanale selon les brasseurs du quartier a augmenté le prix de cette année."})"
            << '\n';
    }
    const std::string db = tmp / "db";
    REQUIRE(veille::test::run_index({"--db", db, input}).exit_code == 0);

    veille::Engine engine(db);
    const auto r = engine.search(request_for("prix de la bière", 0, 10));
    REQUIRE(r.hits.size() == 3);
    CHECK(r.hits[0].article.id == "next");
    CHECK(r.hits[0].score > r.hits[1].score);
    // In reverse order or apart, the pair adds nothing: equal scores, ordered by id.
    CHECK(r.hits[1].score == Approx(r.hits[2].score).epsilon(1e-9));

    veille::RankingParams none;
    none.proximity_ordered_weight = 0;
    veille::Engine words_only(db, none);
    const auto w = words_only.search(request_for("prix de la bière", 0, 10));
    REQUIRE(w.hits.size() == 3);
    CHECK(w.hits[0].score == Approx(w.hits[2].score).epsilon(1e-9));
}
