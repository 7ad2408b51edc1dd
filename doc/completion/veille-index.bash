# veille-index.bash — bash completion for veille-index: options, their values, files and folders.
# Installed as share/bash-completion/completions/veille-index; can also be sourced by hand.

_veille_index() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local options="-h --help --version --db --format --on-error --json --delete --batch-size
        --threads --companies --topics --explain --gold --shard --shards --feeds --fetch-pages
        --fetch-timeout --fetch-max-size --fetch-delay"

    case "$prev" in
        --db)
            COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --companies | --topics | --gold | --feeds)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --format)
            COMPREPLY=($(compgen -W "auto jsonl text html feed" -- "$cur")); return ;;
        --on-error)
            COMPREPLY=($(compgen -W "skip fail" -- "$cur")); return ;;
        --batch-size | --threads | --explain | --delete | --shard | --shards | --fetch-timeout | --fetch-max-size | --fetch-delay)
            return ;;  # a number, I/N, a size, seconds or an article id
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null  # files and folders to index
    fi
}
complete -F _veille_index veille-index
