# veille-search.bash — bash completion for veille-search: options, their values, the eval, serve and watch subcommands.
# Installed as share/bash-completion/completions/veille-search; can also be sourced by hand.

_veille_search() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local options="-h --help --version --db --timeout --time-limit --allow-partial --json --trec -n --limit --offset --facet-limit --explain
        --strict --analyze --history --filter --today --no-date-words --no-collapse --sort --recency --title-weight --coordination
        --proximity --proximity-near --rerank-depth --phrase-weight --compound-split-ratio --compound-part-weight
        --form-weight --synonym-weight --bm25-k1 --bm25-b --bm25-delta --bm25-min-normlen"
    local eval_options="-h --help --topics --qrels --depth --json -q --per-query --run-out --tag --collapse
        --fail-under --baseline --baseline-metric --max-drop --unjudged-warn"
    local serve_options="-h --help --listen --threads"
    local metrics="map bpref recip_rank P_5 P_10 recall_100 ndcg ndcg_cut_10"

    # In the eval, serve or watch subcommand once its name stands as a word of its own (not an
    # option's value); after "watch", the word following it is its action (add, list, rm, run, feed).
    local i in_eval="" in_serve="" watch_at="" db="${VEILLE_DB:-./veille.db}"
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i-1]} == --* ]]; then
            if [[ ${COMP_WORDS[i-1]} == --db ]]; then db="${COMP_WORDS[i]}"; fi
            continue
        fi
        [[ ${COMP_WORDS[i]} == eval ]] && in_eval=1
        [[ ${COMP_WORDS[i]} == serve ]] && in_serve=1
        [[ ${COMP_WORDS[i]} == watch && -z $watch_at ]] && watch_at=$i
    done

    case "$prev" in
        --db)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;  # a directory or a stub file
        --history | --topics | --qrels | --run-out | --baseline)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --sort)
            COMPREPLY=($(compgen -W "relevance date newest oldest" -- "$cur")); return ;;
        --filter)
            COMPREPLY=($(compgen -W "company: topic: source: date:" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return ;;
        --baseline-metric)
            COMPREPLY=($(compgen -W "$metrics" -- "$cur")); return ;;
        --fail-under)
            COMPREPLY=($(compgen -W "${metrics// /= }=" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return ;;
        --today)
            COMPREPLY=($(compgen -W "$(date +%F)" -- "$cur")); return ;;
        --analyze | --timeout | --time-limit | -n | --limit | --offset | --facet-limit | --recency | --title-weight | \
        --coordination | --proximity | --proximity-near | --rerank-depth | --phrase-weight | \
        --compound-split-ratio | --compound-part-weight | --form-weight | --synonym-weight | --bm25-k1 | --bm25-b | \
        --bm25-delta | --bm25-min-normlen | --depth | --tag | --max-drop | --unjudged-warn | --listen | --threads)
            return ;;  # free text or a number
    esac

    if [[ -n $watch_at && $cur != -* ]]; then
        if ((COMP_CWORD == watch_at + 1)); then
            COMPREPLY=($(compgen -W "add list rm run feed" -- "$cur"))
        elif [[ ${COMP_WORDS[watch_at+1]} == @(rm|run|feed) ]]; then
            # The names of the database's watches, as `watch list --json` gives them.
            local names
            names=$(veille-search --db "$db" watch list --json 2>/dev/null \
                | grep -oE '"name":"[A-Za-z0-9_-]+"' | sed 's/"name":"\(.*\)"/\1/')
            COMPREPLY=($(compgen -W "$names" -- "$cur"))
        fi
    elif [[ -n $in_eval ]]; then
        COMPREPLY=($(compgen -W "$eval_options" -- "$cur"))
    elif [[ -n $in_serve ]]; then
        COMPREPLY=($(compgen -W "$serve_options" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "eval serve watch" -- "$cur"))  # otherwise a query: nothing to offer
    fi
}
complete -F _veille_search veille-search
