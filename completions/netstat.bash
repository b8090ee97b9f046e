# bash completion for netstat (github.com/gonetstat/netstat): the net-tools
# 2.10 options and the extension options.
# Install: copy to /usr/share/bash-completion/completions/netstat, or
# source it from ~/.bashrc.

_netstat() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    [[ $COMP_CWORD -gt 0 ]] || prev=

    local families='inet inet6 unix ipx ax25 netrom rose x25 ddp bluetooth'
    local states='ESTABLISHED SYN_SENT SYN_RECV FIN_WAIT1 FIN_WAIT2 TIME_WAIT CLOSE CLOSE_WAIT LAST_ACK LISTEN CLOSING connected synchronized'
    local countkeys='state lport raddr program user'

    # Options whose value is the next word.
    case $prev in
        -A|--protocol)
            COMPREPLY=($(compgen -W "$families" -- "$cur")); return ;;
    esac

    # Options written --name=value.
    case $cur in
        --protocol=*)
            COMPREPLY=($(compgen -W "$families" -- "${cur#*=}")); return ;;
        --state=*)
            COMPREPLY=($(compgen -W "$states" -- "${cur##*[=,]}")); return ;;
        --count=*)
            COMPREPLY=($(compgen -W "$countkeys" -- "${cur#*=}")); return ;;
        --netns=*)
            local names=
            [[ -d /run/netns ]] && names=$(command ls /run/netns 2>/dev/null)
            COMPREPLY=($(compgen -W "$names" -- "${cur#*=}")); return ;;
        --check-config=*)
            COMPREPLY=($(compgen -f -- "${cur#*=}")); return ;;
        --user=*)
            COMPREPLY=($(compgen -u -- "${cur#*=}")); return ;;
        --*=*)
            return ;;
    esac

    local longopts='
        --route --interfaces --groups --statistics --masquerade
        --version --help --verbose --wide --numeric --numeric-hosts
        --numeric-ports --numeric-users --symbolic --extend --programs
        --timers --continuous --listening --all --fib --cache --context
        --tcp --udp --udplite --sctp --raw --unix --l2cap --rfcomm
        --protocol= --inet --inet6 --ip --ax25 --x25 --ipx --appletalk
        --ddp --netrom --rose --bluetooth --tcpip
        --dns-timeout= --dns-budget= --dns-parallel= --json
        --state= --port= --sport= --dport= --addr= --pid= --program-name=
        --user= --summary --count= --top= --watch --watch= --netns=
        --all-netns --tcp-info --nat --check --check-interval=
        --check-config= --check-set= --help-extended'
    local shortopts='-A -C -F -M -a -c -d -e -g -h -i -l -n -N -o -p -r -s -S -t -u -U -v -V -W -w -2 -f -x -6 -4 -Z'

    if [[ $cur == --* ]]; then
        COMPREPLY=($(compgen -W "$longopts" -- "$cur"))
        # No space after an option that wants its value after "=".
        if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
            compopt -o nospace 2>/dev/null
        fi
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$shortopts $longopts" -- "$cur"))
    fi
}
complete -F _netstat netstat
