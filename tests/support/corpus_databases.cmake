# corpus_databases.cmake — the `corpus_databases` ctest fixture: indexes the bundled corpus once per
# run into OUT/articles and OUT/articles+mini (the inputs of tests/support/corpus_db.cpp), afresh so
# that a changed indexer never leaves a stale database behind.
#   cmake -DINDEX=veille-index -DSOURCE=<repo> -DDATA=<tests/data> -DOUT=<dir> -P corpus_databases.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(articles "${SOURCE}/corpus/articles/articles.jsonl")
execute_process(COMMAND "${INDEX}" --db "${OUT}/articles" "${articles}" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${INDEX}" --db "${OUT}/articles+mini" "${articles}" "${DATA}/mini.jsonl"
                COMMAND_ERROR_IS_FATAL ANY)
