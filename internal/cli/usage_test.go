package cli

import (
	"bytes"
	"testing"
)

// wantUsage is the usage text of net-tools 2.10 netstat, as printed by
// `netstat -h` on stdout.
const wantUsage = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
`

func TestUsageText(t *testing.T) {
	if UsageText() != wantUsage {
		t.Errorf("usage text:\n%s\nwant:\n%s", UsageText(), wantUsage)
	}
}

func TestHelpStreams(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if _, exit, done := parse([]string{"netstat", "--help"}, &stdout, &stderr, false); !done || exit != 0 {
		t.Fatalf("--help: done=%v exit=%d", done, exit)
	}
	if stdout.String() != wantUsage || stderr.String() != FamilyListText {
		t.Errorf("--help: stdout %q stderr %q", stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if _, exit, done := parse([]string{"netstat", "-?"}, &stdout, &stderr, false); !done || exit != 3 {
		t.Fatalf("-?: done=%v exit=%d", done, exit)
	}
	if stdout.Len() != 0 || stderr.String() != wantUsage+FamilyListText {
		t.Errorf("-?: stdout %q stderr %q", stdout.String(), stderr.String())
	}
}

func TestVersionText(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if _, exit, done := parse([]string{"netstat", "-V"}, &stdout, &stderr, false); !done || exit != 0 {
		t.Fatalf("-V: done=%v exit=%d", done, exit)
	}
	if stdout.String() != VersionText || stderr.Len() != 0 {
		t.Errorf("-V: stdout %q stderr %q", stdout.String(), stderr.String())
	}
}
