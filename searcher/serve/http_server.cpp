// http_server.cpp — routes and protections of `veille-search serve`, on cpp-httplib.
//
// Why cpp-httplib: packaged in Debian 12 (libcpp-httplib-dev, a shared library), small, threaded,
// and enough for a local service: keep-alive, timeouts, size limits, regex routes. Boost.Beast or
// libmicrohttpd would add an event loop or a C callback API for no gain at this scale.
//
// Protections (issue 17):
// - only the routes below exist: no mount point, so no directory listing and no path ever reaches
//   the file system (the page's two files are compiled in); anything else is 404;
// - request line and headers at most 8 KiB (the library's build: 414 / 400), body at most
//   kMaxBody (413), query parameters bounded in api.cpp (413 / 400), read and write timeouts;
// - a request's work is bounded by those limits (n ≤ 100, offset ≤ 10,000, q ≤ 1 KiB, ≤ 32 filters)
//   and by the query parser's own (64 words, 100 levels of parentheses);
// - every answer carries a Content-Security-Policy without inline script or style, nosniff,
//   no framing and no referrer; errors are JSON {"error": …}, never an exception's trace.
#include "searcher/serve/http_server.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iostream>
#include <thread>

#include <httplib.h>

#include "common/database.hpp"
#include "common/error.hpp"
#include "searcher/serve/api.hpp"
#include "searcher/serve/engine_pool.hpp"
#include "searcher/serve/page.hpp"
#include "searcher/watch/atom_feed.hpp"
#include "searcher/watch/watch_search.hpp"
#include "searcher/watch/watch_store.hpp"

namespace veille::data {
std::string_view serve_app_js();
std::string_view serve_style_css();
}  // namespace veille::data

namespace veille {

namespace {

constexpr std::size_t kMaxBody = 16 * 1024;
constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kAtom = "application/atom+xml; charset=utf-8";

const httplib::Headers& security_headers() {
    static const httplib::Headers kHeaders{
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
         "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    };
    return kHeaders;
}

/// French text for the statuses the library sets by itself (their body is empty).
std::string status_message(int status) {
    switch (status) {
        case 400: return "requête invalide";
        case 404: return "introuvable";
        case 405: return "méthode non permise";
        case 413: return "requête trop grande";
        case 414: return "adresse trop longue (au plus 8 Kio)";
        case 503: return "base indisponible";
        default: break;
    }
    return "erreur " + std::to_string(status);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(error_json(message), kJson);
}

}  // namespace

ListenAddress parse_listen(const std::string& text) {
    const auto bad = [&](const std::string& why) {
        return UsageError("--listen: « " + text + " »: " + why + " (expected HOST:PORT, e.g. 127.0.0.1:8080)");
    };
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) throw bad("no host or no port");
    ListenAddress a;
    a.host = text.substr(0, colon);
    if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
    const std::string port = text.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
    if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || a.port < 0 || a.port > 65535)
        throw bad("the port is not a number from 0 to 65535");
    return a;
}

struct HttpServer::Impl {
    ServeOptions options;
    ListenAddress address;
    EnginePool pool;
    httplib::Server server;

    explicit Impl(const ServeOptions& o)
        : options(o), address(parse_listen(o.listen)), pool(o.db, o.ranking, engines_for(o.threads), o.shards) {}

    // A worker thread holds a keep-alive connection while its client thinks, so there are many of
    // them (--threads); searches are CPU work (two threads each: ranking and counting), so at most
    // one Engine per core runs at once and the other requests wait for one, in turn. With 8 threads
    // for 32 keep-alive clients, 24 connections waited unread while 8 clients were served back to
    // back (scripts/bench at 100,000 articles on a busy machine: p99 799 ms, 48 client timeouts in
    // 20 s; news summaries, 30,000: p99 49 ms with 8 threads, 32 ms with 64 and 2 Engines).
    static std::size_t engines_for(std::size_t threads) {
        const std::size_t cores = std::max<std::size_t>(2, std::thread::hardware_concurrency());
        return std::clamp<std::size_t>(cores, 1, std::max<std::size_t>(threads, 1));
    }

    // Runs `work` on a borrowed Engine; an Engine that met a database error is dropped so that the
    // next request opens the database afresh (it may have been replaced meanwhile).
    template <class Work>
    auto with_engine(Work&& work) {
        EnginePool::Lease engine = pool.borrow();
        try {
            return work(*engine);
        } catch (const DatabaseError&) {
            engine.discard();
            throw;
        }
    }

    // The status for a failure; the message is the exception's own one line.
    static int status_of(const std::exception_ptr& failure, std::string& message) {
        try {
            std::rethrow_exception(failure);
        } catch (const ApiError& e) {
            message = e.what();
            return e.status();
        } catch (const QueryError& e) {
            message = e.what();
            return 400;
        } catch (const UsageError& e) {
            message = e.what();
            return 400;
        } catch (const DatabaseError& e) {
            message = std::string("base indisponible : ") + e.what();
            return 503;
        } catch (const std::exception& e) {
            std::cerr << "veille-search: serve: internal error: " << e.what() << '\n';
        } catch (...) {
            std::cerr << "veille-search: serve: internal error\n";
        }
        message = "erreur interne";
        return 500;
    }

    void api_search(const httplib::Request& req, httplib::Response& res) {
        const SearchRequest request = search_request(req.params, {}, options.request);
        res.set_content(search_json(with_engine([&](Engine& e) { return e.search(request); })), kJson);
    }

    void api_article(const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.matches[1];
        // A fresh handle, not a pooled Engine: Engine::article reads the revision the Engine last
        // searched, and an article committed since would be missing (opening costs well under 1 ms).
        std::optional<Article> article;
        try {
            article = find_article(open_shards(options.db).all, id);
        } catch (const Xapian::Error& e) {
            throw DatabaseError(describe_paths(options.db), "cannot read article: " + e.get_description());
        }
        if (!article) throw ApiError(404, "aucun article d’identifiant « " + id + " »");
        res.set_content(article_json(*article), kJson);
    }

    void api_health(const httplib::Request&, httplib::Response& res) {
        res.set_content(health_json(options.db), kJson);
    }

    // Where the client fetched this from, for the feed's rel="self" link: its Host header when it is a
    // plain host[:port] ([::1]:8080 too), else none (the link is optional, a strange header is not echoed).
    static std::string self_url(const httplib::Request& req) {
        const std::string host = req.get_header_value("Host");
        const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        });
        return plain ? "http://" + host + req.path : std::string();
    }

    // A watch's Atom feed. The state is read without a lock (it is replaced whole), so a server whose
    // database directory is read-only serves feeds too.
    void watch_feed(const httplib::Request& req, httplib::Response& res) {
        if (!req.params.empty()) throw ApiError(400, "un flux de veille ne prend aucun paramètre");
        const std::string name = req.matches[1];
        const std::vector<Watch> watches = read_watches(watch_directory(options.db));
        const auto it = std::find_if(watches.begin(), watches.end(), [&](const Watch& w) { return w.name == name; });
        if (it == watches.end()) throw ApiError(404, "aucune veille nommée « " + name + " »");
        const SearchResult latest = with_engine([&](Engine& e) { return latest_matches(e, *it, options.request.today, kFeedEntries); });
        res.set_content(atom_feed(*it, latest, self_url(req)), kAtom);
    }

    void page(const httplib::Request& req, httplib::Response& res) {
        PageView view;
        std::optional<SearchResult> result;
        try {
            view.request = search_request(req.params, {}, options.request);
            if (req.params.count("facet_limit") == 0) view.request.facet_limit = kPageFacetLimit;
            if (!view.request.query.empty() || !view.request.filters.empty()) {
                result = with_engine([&](Engine& e) { return e.search(view.request); });
                view.result = &*result;
            }
        } catch (...) {
            res.status = status_of(std::current_exception(), view.error);
        }
        res.set_content(render_page(view), kHtml);
    }

    void route() {
        // Each handler's failures become JSON errors (the page renders its own).
        const auto api = [this](void (Impl::*handler)(const httplib::Request&, httplib::Response&)) {
            return [this, handler](const httplib::Request& req, httplib::Response& res) {
                try {
                    (this->*handler)(req, res);
                } catch (...) {
                    std::string message;
                    const int status = status_of(std::current_exception(), message);
                    send_error(res, status, message);
                }
            };
        };
        server.Get("/api/search", api(&Impl::api_search));
        server.Get(R"(/api/articles/(.+))", api(&Impl::api_article));
        server.Get("/api/health", api(&Impl::api_health));
        // Only names a watch can have (watch_store.hpp), so nothing else reaches the lookup.
        server.Get(R"(/watch/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.atom)", api(&Impl::watch_feed));
        server.Get("/", [this](const httplib::Request& req, httplib::Response& res) { page(req, res); });
        server.Get("/static/app.js", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(data::serve_app_js()), "text/javascript; charset=utf-8");
        });
        server.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(data::serve_style_css()), "text/css; charset=utf-8");
        });
        // Statuses set by the library or left without a body (unknown route: 404) get a JSON body.
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (res.body.empty()) send_error(res, res.status, status_message(res.status));
        });
        server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, "erreur interne");
        });
    }

    void configure() {
        server.set_default_headers(security_headers());
        server.set_payload_max_length(kMaxBody);
        server.set_read_timeout(5, 0);
        server.set_write_timeout(5, 0);
        server.set_keep_alive_timeout(5);
        server.set_keep_alive_max_count(1000);
        server.set_tcp_nodelay(true);
        const std::size_t threads = options.threads == 0 ? 1 : options.threads;
        // The library takes ownership of the queue it is handed (its API: a raw pointer).
        server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        route();
    }
};

HttpServer::HttpServer(const ServeOptions& options) : impl_(std::make_unique<Impl>(options)) { impl_->configure(); }

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
    const ListenAddress& a = impl_->address;
    if (a.port == 0) {
        const int port = impl_->server.bind_to_any_port(a.host);
        if (port < 0) throw Error("serve: cannot listen on " + a.host + " (any port)");
        return port;
    }
    if (!impl_->server.bind_to_port(a.host, a.port))
        throw Error("serve: cannot listen on " + impl_->options.listen + " (address in use or not local?)");
    return a.port;
}

void HttpServer::run() {
    if (!impl_->server.listen_after_bind()) throw Error("serve: the server stopped on an error");
}

void HttpServer::stop() { impl_->server.stop(); }

}  // namespace veille
