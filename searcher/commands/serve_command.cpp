// serve_command.cpp — `veille-search serve`: the HTTP server until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "common/database.hpp"
#include "common/error.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/serve/engine_pool.hpp"
#include "searcher/serve/http_server.hpp"

namespace veille {

int run_serve(const ServeOptions& options) {
    // The database may not exist yet (a service started before the first indexing): the server then
    // answers 503 until it does, instead of refusing to start. Say so once.
    try {
        EnginePool probe(options.db, options.ranking, 1, options.shards);
        probe.borrow();
    } catch (const DatabaseError& e) {
        std::cerr << "veille-search: warning: " << e.what() << "; answering 503 until it can be opened\n";
    }
    HttpServer server(options);
    // Signals are taken by one thread with sigwait (blocked everywhere else, the worker threads
    // included, which inherit the mask): stopping the server is then ordinary code, not a handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    const int port = server.bind();
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    const ListenAddress address = parse_listen(options.listen);
    const bool v6 = address.host.find(':') != std::string::npos;
    // One line on stdout, the URL, for scripts and tests that started us with port 0.
    std::cout << "http://" << (v6 ? "[" + address.host + "]" : address.host) << ":" << port << "/" << std::endl;
    std::cerr << "veille-search: serving " << describe_paths(options.db) << " (Ctrl-C to stop)\n";
    // However run() ends, the waiter is woken (a no-op when a signal already did) and joined.
    struct Join {
        std::thread& thread;
        ~Join() {
            pthread_kill(thread.native_handle(), SIGTERM);
            thread.join();
        }
    } join{waiter};
    server.run();
    return 0;
}

}  // namespace veille
