// extraction_report.cpp — company P/R/F1, topic agreement and text-date accuracy against gold annotations.
#include "indexer/extraction_report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "indexer/enrich.hpp"
#include "indexer/options.hpp"
#include "indexer/pipeline.hpp"

namespace veille {

namespace {

double ratio(std::size_t num, std::size_t den) { return den ? static_cast<double>(num) / static_cast<double>(den) : 1.0; }

std::string fixed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// Gold files are written by hand: « Dassault Systemes » and « Dassault Systèmes » are one company.
void compare_sets(const std::string& id, const std::string& field, const std::vector<std::string>& got,
                  const std::vector<std::string>& expected, PairCounts& counts, std::vector<Disagreement>& out) {
    const Analyzer& a = Analyzer::standard();
    std::vector<std::string> g, e;
    for (const auto& v : got) g.push_back(a.fold(v));
    for (const auto& v : expected) e.push_back(a.fold(v));
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (std::find(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(i), g[i]) != g.begin() + static_cast<std::ptrdiff_t>(i))
            continue;  // duplicate
        if (std::find(e.begin(), e.end(), g[i]) != e.end()) ++counts.true_positives;
        else {
            ++counts.false_positives;
            out.push_back({id, field, "extra", got[i]});
        }
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (std::find(e.begin(), e.begin() + static_cast<std::ptrdiff_t>(i), e[i]) != e.begin() + static_cast<std::ptrdiff_t>(i))
            continue;
        if (std::find(g.begin(), g.end(), e[i]) == g.end()) {
            ++counts.false_negatives;
            out.push_back({id, field, "missed", expected[i]});
        }
    }
}

std::vector<std::string> strings_of(const nlohmann::json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    if (!j.contains(key) || j[key].is_null()) return out;
    if (!j[key].is_array()) throw Error(where + ": \"" + key + "\" must be an array of strings");
    for (const auto& v : j[key]) {
        if (!v.is_string()) throw Error(where + ": \"" + key + "\" must be an array of strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace

double PairCounts::precision() const { return ratio(true_positives, true_positives + false_positives); }
double PairCounts::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double PairCounts::f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
double ExtractionReport::topic_agreement() const { return ratio(main_topic_agree, main_topic_total); }
double ExtractionReport::text_date_accuracy() const { return ratio(text_dates_correct, text_dates); }

std::vector<GoldEntry> read_gold(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open gold file");
    std::vector<GoldEntry> out;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            const auto j = nlohmann::json::parse(line);
            if (!j.is_object() || !j.contains("id") || !j["id"].is_string())
                throw InputError(path, line_no, "missing \"id\"");
            GoldEntry g;
            g.id = j["id"].get<std::string>();
            g.companies = strings_of(j, "companies", "gold entry");
            g.topics = strings_of(j, "topics", "gold entry");
            if (j.contains("date") && j["date"].is_string()) {
                g.date = parse_iso_date(j["date"].get<std::string>());
                if (!g.date) throw InputError(path, line_no, "bad \"date\" '" + j["date"].get<std::string>() + "'");
            }
            out.push_back(std::move(g));
        } catch (const nlohmann::json::exception& e) {
            throw InputError(path, line_no, std::string("invalid JSON: ") + e.what());
        } catch (const InputError&) {
            throw;
        } catch (const Error& e) {
            throw InputError(path, line_no, e.what());
        }
    }
    return out;
}

ExtractionReport compare_with_gold(const std::vector<Article>& enriched, const std::vector<GoldEntry>& gold) {
    std::map<std::string, const GoldEntry*> by_id;
    for (const auto& g : gold) by_id.emplace(g.id, &g);
    ExtractionReport r;
    const Analyzer& a = Analyzer::standard();
    for (const Article& art : enriched) {
        const auto it = by_id.find(art.id);
        if (it == by_id.end()) {
            ++r.unmatched;
            continue;
        }
        const GoldEntry& g = *it->second;
        ++r.articles;
        compare_sets(art.id, "company", art.companies, g.companies, r.companies, r.disagreements);
        compare_sets(art.id, "topic", art.topics, g.topics, r.topics, r.disagreements);
        if (!g.topics.empty()) {
            ++r.main_topic_total;
            const std::string main = a.fold(g.topics.front());
            if (std::any_of(art.topics.begin(), art.topics.end(), [&](const auto& t) { return a.fold(t) == main; }))
                ++r.main_topic_agree;
        }
        if (!art.date) ++r.undated;
        if (art.date_origin == DateOrigin::Text) {
            ++r.text_dates;
            if (g.date && art.date && *art.date == *g.date) ++r.text_dates_correct;
            else
                r.disagreements.push_back({art.id, "date", "wrong",
                                           (art.date ? art.date->iso() : "none") + " → " +
                                               (g.date ? g.date->iso() : "none")});
        }
    }
    return r;
}

std::string report_text(const ExtractionReport& r) {
    std::ostringstream o;
    auto pairs = [&](const char* name, const PairCounts& c) {
        o << name << ": precision " << fixed(c.precision()) << ", recall " << fixed(c.recall()) << ", F1 "
          << fixed(c.f1()) << " (" << c.true_positives << " right, " << c.false_positives << " extra, "
          << c.false_negatives << " missed)\n";
    };
    o << "articles compared: " << r.articles;
    if (r.unmatched) o << " (" << r.unmatched << " without a gold entry, ignored)";
    o << '\n';
    pairs("companies", r.companies);
    o << "main topic agreement: " << fixed(r.topic_agreement()) << " (" << r.main_topic_agree << "/"
      << r.main_topic_total << ")\n";
    pairs("topics", r.topics);
    o << "text dates: accuracy " << fixed(r.text_date_accuracy()) << " (" << r.text_dates_correct << "/"
      << r.text_dates << "), " << r.undated << " undated\n";
    if (!r.disagreements.empty()) o << "disagreements:\n";
    for (const auto& d : r.disagreements)
        o << "  " << d.id << '\t' << d.field << '\t' << d.kind << '\t' << d.value << '\n';
    return o.str();
}

std::string report_json(const ExtractionReport& r) {
    auto pairs = [](const PairCounts& c) {
        return nlohmann::json{{"precision", c.precision()}, {"recall", c.recall()}, {"f1", c.f1()},
                              {"true_positives", c.true_positives}, {"false_positives", c.false_positives},
                              {"false_negatives", c.false_negatives}};
    };
    nlohmann::json j{{"articles", r.articles},
                     {"unmatched", r.unmatched},
                     {"companies", pairs(r.companies)},
                     {"topics", pairs(r.topics)},
                     {"main_topic_agreement", r.topic_agreement()},
                     {"main_topic_agree", r.main_topic_agree},
                     {"main_topic_total", r.main_topic_total},
                     {"text_date_accuracy", r.text_date_accuracy()},
                     {"text_dates", r.text_dates},
                     {"text_dates_correct", r.text_dates_correct},
                     {"undated", r.undated},
                     {"disagreements", nlohmann::json::array()}};
    for (const auto& d : r.disagreements)
        j["disagreements"].push_back({{"id", d.id}, {"field", d.field}, {"kind", d.kind}, {"value", d.value}});
    return j.dump(2);
}

int run_extraction_report(const IndexOptions& opt, const Enricher& enricher, std::ostream& out) {
    if (opt.paths.empty()) throw UsageError("--gold needs the articles to compare: give PATH...");
    const auto gold = read_gold(opt.gold_file);
    std::vector<Article> articles;
    const Summary summary = read_and_enrich(opt, enricher, [&](const Article& a) { articles.push_back(a); });
    const ExtractionReport report = compare_with_gold(articles, gold);
    out << (opt.json ? report_json(report) + "\n" : report_text(report));
    return static_cast<int>(summary.rejected ? ExitCode::Rejected : ExitCode::Ok);
}

}  // namespace veille
