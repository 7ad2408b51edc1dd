// explain.cpp — extraction is re-run on the stored text with the current data files, so the
// explanation shows the rules that apply now (and what was stored, should they differ).
#include "indexer/explain.hpp"

#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/database.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "indexer/enrich.hpp"

namespace veille {

namespace {

Article load(const std::string& db_path, const std::string& id) {
    const Xapian::Database db = open_database(db_path);
    std::optional<Article> article;
    try {
        article = find_article(db, id);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(db_path, "cannot read database: " + e.get_description());
    }
    if (!article) throw UsageError("no article with id '" + id + "' in " + db_path);
    return std::move(*article);
}

}  // namespace

std::string explain_article(const std::string& db_path, const std::string& id, const Enricher& enricher, bool json) {
    const Article stored = load(db_path, id);
    Article fresh = stored;
    fresh.companies.clear();
    fresh.topics.clear();
    fresh.topic_scores.clear();
    if (fresh.date_origin != DateOrigin::Metadata) {
        fresh.date.reset();
        fresh.date_origin = DateOrigin::None;
    }
    const Analyzer& analyzer = Analyzer::standard();
    Evidence ev;
    enricher.enrich(fresh, analyzer.analyze(fresh.title), analyzer.analyze(fresh.body), &ev);

    nlohmann::ordered_json j;
    j["id"] = stored.id;
    j["title"] = stored.title;
    j["date"] = stored.date ? nlohmann::json(stored.date->iso()) : nlohmann::json(nullptr);
    j["date_origin"] = std::string(to_string(ev.date_origin));
    j["date_text"] = ev.date_text;
    j["stored_companies"] = stored.companies;
    j["stored_topics"] = stored.topics;
    nlohmann::json companies = nlohmann::json::array();
    for (const auto& c : ev.companies)
        companies.push_back({{"company", c.company}, {"mentions", c.mentions}, {"surfaces", c.surfaces},
                             {"rules", c.rules}});
    j["companies"] = companies;
    nlohmann::json ignored = nlohmann::json::array();
    for (const auto& m : ev.ignored) ignored.push_back({{"company", m.company}, {"surface", m.surface}, {"rule", m.rule}});
    j["ignored"] = ignored;
    j["candidates"] = ev.candidates;
    auto topics_json = [](const std::vector<TopicScore>& topics) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : topics) {
            nlohmann::json matches = nlohmann::json::array();
            for (const auto& m : t.matches)
                matches.push_back({{"term", m.term}, {"weight", m.weight}, {"title", m.title_count}, {"body", m.body_count}});
            out.push_back({{"topic", t.topic}, {"score", t.score}, {"matches", matches}});
        }
        return out;
    };
    j["topics"] = topics_json(ev.topics);
    j["runners_up"] = topics_json(ev.runners_up);
    if (json) return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

    std::ostringstream out;
    out << stored.id << " — " << stored.title << "\n";
    out << "date: " << (stored.date ? stored.date->iso() : "none") << " (" << to_string(ev.date_origin);
    if (!ev.date_text.empty()) out << ": « " << ev.date_text << " »";
    out << ")\n";
    out << "companies:\n";
    for (const auto& c : ev.companies) {
        out << "  " << c.company << " ×" << c.mentions << " as";
        for (const auto& s : c.surfaces) out << " « " << s << " »";
        out << " —";
        for (const auto& r : c.rules) out << " " << r << ";";
        out << "\n";
    }
    for (const auto& m : ev.ignored) out << "  (not counted) « " << m.surface << " » → " << m.company << ": " << m.rule << "\n";
    if (!ev.candidates.empty()) {
        // Names the gazetteer may lack (common/data/companies.tsv): people and places too, for a reader to sort.
        out << "  (not in the gazetteer)";
        for (const auto& c : ev.candidates) out << " « " << c << " »";
        out << "\n";
    }
    out << "topics:\n";
    for (const auto& t : ev.topics) {
        out << "  " << t.topic << " (score " << t.score << "):";
        for (const auto& m : t.matches) out << " " << m.term << "×" << (m.title_count + m.body_count);
        out << "\n";
    }
    for (const auto& t : ev.runners_up) out << "  (runner-up) " << t.topic << " (score " << t.score << ")\n";
    if (stored.companies != fresh.companies || stored.topics != fresh.topics)
        out << "note: stored companies/topics differ (input annotations or older data files)\n";
    return out.str();
}

}  // namespace veille
