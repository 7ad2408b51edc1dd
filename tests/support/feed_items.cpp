// feed_items.cpp — see feed_items.hpp.
#include "tests/support/feed_items.hpp"

#include <stdexcept>

namespace veille::test {

using nlohmann::json;

// Short French tech-news items written for these tests; each holds a word found in no other item.
const FeedItem kGrues{"veille-test-grues", "Le port du Havre teste des grues pilotées par une IA",
                      "Le Grand Port maritime du Havre expérimente un logiciel qui planifie les "
                      "mouvements des grues de "
                      "quai. Les premiers essais réduisent de 12 % l'attente des porte-conteneurs.",
                      ""};
const FeedItem kSodium{
    "veille-test-sodium",
    "Une start-up lyonnaise lève 8 millions d'euros pour ses batteries au sodium",
    "Fondée en 2021, la jeune pousse conçoit des batteries sodium-ion pour le stockage "
    "stationnaire. "
    "Le tour de table financera une ligne pilote à Vénissieux.",
    ""};
const FeedItem kRails{
    "veille-test-rails", "La SNCF écoute ses voies pour prévenir les pannes",
    "Des capteurs acoustiques installés le long des voies repèrent les roulements défaillants des "
    "trains de fret avant la panne. Le dispositif couvrira 400 kilomètres de lignes d'ici l'été.",
    ""};
const FeedItem kRiviere{
    "veille-test-riviere", "Un centre de données refroidi par l'Isère ouvre près de Grenoble",
    "L'installation puise l'eau de la rivière pour refroidir ses serveurs, puis chauffe un réseau "
    "urbain. L'exploitant annonce une consommation électrique réduite d'un tiers.",
    ""};

std::string rss(const std::string& channel, const std::vector<FeedItem>& items) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" +
        channel + "</title><language>fr</language>\n";
    for (const FeedItem& i : items) {
        xml += "<item><guid>" + i.guid + "</guid><title>" + i.title + "</title><description>" +
               i.text + "</description><pubDate>Mon, 07 Dec 2026 07:30:00 +0100</pubDate>";
        if (!i.link.empty()) xml += "<link>" + i.link + "</link>";
        xml += "</item>\n";
    }
    return xml + "</channel></rss>\n";
}

std::string atom(const std::string& title, const std::vector<FeedItem>& entries) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
        "xml:lang=\"fr\"><title>" +
        title + "</title>\n";
    for (const FeedItem& e : entries)
        xml += "<entry><id>" + e.guid + "</id><title>" + e.title + "</title><summary>" + e.text +
               "</summary><updated>2026-12-07T06:00:00Z</updated></entry>\n";
    return xml + "</feed>\n";
}

void serve_xml(httplib::Response& res, const std::string& body) {
    res.set_content(body, "application/rss+xml; charset=utf-8");
}

std::string header(const SeenRequest& r, const char* name) {
    const auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
}

json feed_entry(const json& summary, const std::string& url) {
    for (const json& f : summary.at("feeds"))
        if (f.at("url") == url) return f;
    throw std::runtime_error("no feeds entry for " + url + " in " + summary.dump());
}

RunResult index_feeds(const std::vector<std::string>& args) {
    return run_binary(VEILLE_INDEX_BIN, args, {}, {"no_proxy=*", "NO_PROXY=*"});
}

std::vector<std::string> fetch_args(const std::string& db, const std::string& feeds,
                                    std::vector<std::string> more) {
    std::vector<std::string> args{"--db", db, "--json", "--feeds", feeds, "--fetch-delay", "0"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace veille::test
