package cli

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// scan runs getopt over argv with netstat's tables and renders each step:
// "t" for a short option, "A=inet" with an argument, "--name" for a long
// one, "?" for an error; it stops at the end or after an error.
func scan(argv []string, requireOrder bool) (steps []string, stderr string) {
	var errs bytes.Buffer
	g := newGetopt(argv, shortOptions, longOptions[:], requireOrder, &errs)
	for {
		o := g.next()
		var s string
		switch {
		case o.Val == endOfOptions:
			return steps, errs.String()
		case o.LongIndex >= 0:
			s = "--" + longOptions[o.LongIndex].Name
		default:
			s = string(rune(o.Val))
		}
		if o.Val == 'A' {
			s += "=" + o.Arg
		}
		steps = append(steps, s)
		if o.Val == optError && errs.Len() > 0 {
			return steps, errs.String()
		}
	}
}

func TestGetoptSteps(t *testing.T) {
	tests := []struct {
		argv   string
		posix  bool
		steps  string
		stderr string
	}{
		{argv: "ns -tulpn", steps: "t u l p n"},
		{argv: "ns foo -t bar -u", steps: "t u"},
		{argv: "ns foo -t bar -u", posix: true, steps: ""},
		{argv: "ns -t foo -u", posix: true, steps: "t"},
		{argv: "ns -t -- -u", steps: "t"},
		{argv: "ns - -t", steps: "t"},
		{argv: "ns -Ainet -A inet6 -tA unix", steps: "A=inet A=inet6 t A=unix"},
		{argv: "ns -A -- -t", steps: "A=-- t"},
		{argv: "ns --protocol=inet,unix --protocol x --prot=", steps: "--protocol=inet,unix --protocol=x --protocol="},
		{argv: "ns --inet --ine --inet6 --unix --tcpip", steps: "--inet --inet --inet6 --unix --tcpip"},
		{argv: "ns --st --rout --numeric-h --interface", steps: "--statistics --route --numeric-hosts --interfaces"},
		{argv: "ns -?", steps: "?"},
		{argv: "ns -ty", steps: "t ?", stderr: "ns: invalid option -- 'y'\n"},
		{argv: "ns -t -A", steps: "t ?", stderr: "ns: option requires an argument -- 'A'\n"},
		{argv: "ns --protocol", steps: "?", stderr: "ns: option '--protocol' requires an argument\n"},
		{argv: "ns --foo=bar", steps: "?", stderr: "ns: unrecognized option '--foo=bar'\n"},
		{argv: "ns --stat=1", steps: "?", stderr: "ns: option '--statistics' doesn't allow an argument\n"},
		{argv: "ns --in", steps: "?", stderr: "ns: option '--in' is ambiguous; possibilities: '--inet' '--interfaces'\n"},
		{argv: "ns --u", steps: "?", stderr: "ns: option '--u' is ambiguous; possibilities: '--unix' '--udp' '--udplite' '--unix'\n"},
		{argv: "ns --a", steps: "?", stderr: "ns: option '--a' is ambiguous; possibilities: '--ax25' '--all'\n"},
		{argv: "ns --n", steps: "?", stderr: "ns: option '--n' is ambiguous; possibilities: '--netrom' '--numeric' '--numeric-hosts' '--numeric-ports' '--numeric-users'\n"},
		{argv: "ns --ro", steps: "?", stderr: "ns: option '--ro' is ambiguous; possibilities: '--rose' '--route'\n"},
		{argv: "ns --tc=1", steps: "?", stderr: "ns: option '--tc=1' is ambiguous; possibilities: '--tcpip' '--tcp'\n"},
	}
	for _, tt := range tests {
		steps, stderr := scan(strings.Fields(tt.argv), tt.posix)
		if got := strings.Join(steps, " "); got != tt.steps || stderr != tt.stderr {
			t.Errorf("%q (posix %v):\n got %q %q\nwant %q %q", tt.argv, tt.posix, got, stderr, tt.steps, tt.stderr)
		}
	}
}

// TestLongOptionTable pins the table against spec §1.1: 45 rows, in order.
func TestLongOptionTable(t *testing.T) {
	want := "ax25 x25 ip ipx appletalk netrom inet inet6 ddp rose unix bluetooth tcpip version " +
		"interfaces help route masquerade protocol tcp sctp udp udplite raw unix l2cap rfcomm " +
		"listening all timers continuous extend programs verbose statistics wide numeric " +
		"numeric-hosts numeric-ports numeric-users symbolic cache fib groups context"
	var names []string
	for i, lo := range longOptions {
		names = append(names, lo.Name)
		if (lo.Arg == requiredArgument) != (lo.Name == "protocol") {
			t.Errorf("row %d %s: wrong argument mode", i, lo.Name)
		}
		if (lo.Val == valFamily) != (i <= familyOptionCount) {
			t.Errorf("row %d %s: family value mismatch", i, lo.Name)
		}
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("table order:\n got %s\nwant %s", got, want)
	}
	for i := 0; i < familyOptionCount; i++ {
		if _, ok := lookupFamily(longOptions[i].Name); !ok {
			t.Errorf("family option --%s is not a known family keyword", longOptions[i].Name)
		}
	}
	// Every long option that stands for a short one must name a letter of
	// the short option string, with the same argument mode.
	for _, lo := range longOptions {
		if lo.Val == valFamily || lo.Val >= valNumericHosts {
			continue
		}
		c := shortFor(lo.Val)
		if c == 0 {
			t.Errorf("--%s: value %q is not a short option", lo.Name, rune(lo.Val))
			continue
		}
		takesArg := strings.Contains(shortOptions, string(c)+":")
		if takesArg != (lo.Arg == requiredArgument) {
			t.Errorf("--%s and -%c disagree on the argument", lo.Name, c)
		}
	}
}

// TestAbbreviations checks every prefix of every long name: it is exact,
// a unique abbreviation of the first matching row, or ambiguous exactly
// when a later match differs from the first in argument mode or value.
func TestAbbreviations(t *testing.T) {
	for _, lo := range longOptions {
		for n := 1; n <= len(lo.Name); n++ {
			prefix := lo.Name[:n]
			var matches []int
			for i := range longOptions {
				if strings.HasPrefix(longOptions[i].Name, prefix) {
					matches = append(matches, i)
				}
			}
			exact := findLong(prefix)
			wantAmbiguous := []string{}
			if exact < 0 {
				first := longOptions[matches[0]]
				for _, i := range matches[1:] {
					if longOptions[i].Val != first.Val || longOptions[i].Arg != first.Arg {
						wantAmbiguous = append(wantAmbiguous, "'--"+longOptions[i].Name+"'")
					}
				}
			}
			_, stderr := scan([]string{"ns", "--" + prefix + "=x"}, false)
			switch {
			case len(wantAmbiguous) > 0:
				want := fmt.Sprintf("ns: option '--%s=x' is ambiguous; possibilities: '--%s' %s\n",
					prefix, longOptions[matches[0]].Name, strings.Join(wantAmbiguous, " "))
				if stderr != want {
					t.Errorf("--%s: got %q want %q", prefix, stderr, want)
				}
			default:
				row := exact
				if row < 0 {
					row = matches[0]
				}
				want := fmt.Sprintf("ns: option '--%s' doesn't allow an argument\n", longOptions[row].Name)
				if longOptions[row].Arg == requiredArgument {
					want = ""
				}
				if stderr != want {
					t.Errorf("--%s: got %q want %q", prefix, stderr, want)
				}
			}
		}
	}
}

func TestFamilyAliases(t *testing.T) {
	var got []string
	for _, a := range familyAliases {
		got = append(got, a.Alias+"="+a.Name)
	}
	want := []string{"ax25=ax25", "ip=inet", "ip6=inet6", "ipx=ipx", "rose=rose", "appletalk=ddp",
		"netrom=netrom", "inet=inet", "inet6=inet6", "ddp=ddp", "unix=unix", "tcpip=inet",
		"econet=ec", "x25=x25", "ash=ash", "bluetooth=bluetooth"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("aliases:\n got %v\nwant %v", got, want)
	}
}

func TestFamilyArgumentTruncation(t *testing.T) {
	var s familySelection
	var stderr bytes.Buffer
	if s.add(strings.Repeat("inet6,", 60), &stderr) {
		t.Fatal("expected the truncated keyword to be rejected")
	}
	if want := "Unknown address family `ine'.\n"; stderr.String() != want {
		t.Errorf("got %q want %q", stderr.String(), want)
	}
	if len(s.names) != 42 || s.joinedLen != len(strings.Join(s.names, ",")) {
		t.Errorf("got %d names, joined length %d", len(s.names), s.joinedLen)
	}
}
