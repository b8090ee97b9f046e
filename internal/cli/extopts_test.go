package cli

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parsed is everything observable about one parse.
type parsed struct {
	Out  outcome
	Done bool
	Opts *Options
}

// parseBoth parses args with and without the extension table.
func parseBoth(args []string) (with, without parsed) {
	run := func(exts []longOption) parsed {
		var stdout, stderr bytes.Buffer
		opts, code, done := parseWith(append([]string{"netstat"}, args...), &stdout, &stderr, false, exts)
		return parsed{outcome{stdout.String(), stderr.String(), code}, done, opts}
	}
	return run(extensionOptions[:]), run(nil)
}

// prefixes returns every prefix of name, from one byte to the whole.
func prefixes(name string) []string {
	var out []string
	for i := 1; i <= len(name); i++ {
		out = append(out, name[:i])
	}
	return out
}

// checkUnchanged checks that args parse exactly as net-tools' table alone
// parses them, and that the result (made to end at parse time with a final
// -V when needed) is what the reference netstat prints.
func checkUnchanged(t *testing.T, args []string) {
	t.Helper()
	with, without := parseBoth(args)
	if !reflect.DeepEqual(with, without) {
		t.Errorf("%q: with extensions %+v, without %+v", args, with, without)
		return
	}
	if !with.Done {
		args = append(args[:len(args):len(args)], "-V")
	}
	compareWithReference(t, "netstat", args, false)
}

// TestNetToolsLongOptionsUnchanged enumerates every net-tools long option
// and every prefix of its name, bare, with "=x" and with a following word,
// and checks that the extension table changes nothing about how they
// parse, against the reference binary too.
func TestNetToolsLongOptionsUnchanged(t *testing.T) {
	requireReference(t)
	seen := map[string]bool{}
	n := 0
	for _, lo := range longOptions {
		for _, p := range prefixes(lo.Name) {
			if seen[p] {
				continue
			}
			seen[p] = true
			variants := [][]string{{"--" + p}}
			if !testing.Short() {
				variants = append(variants, []string{"--" + p + "=x"}, []string{"--" + p, "inet"})
			}
			for _, args := range variants {
				checkUnchanged(t, args)
				n++
			}
		}
	}
	t.Logf("%d command lines from %d prefixes compared", n, len(seen))
}

// TestExtensionPrefixesRejected checks that no shortened extension option
// is taken for it: each proper prefix means what it means to net-tools
// (an abbreviation of one of its options, or an error), as the reference
// shows.
func TestExtensionPrefixesRejected(t *testing.T) {
	requireReference(t)
	for _, lo := range extensionOptions {
		for _, p := range prefixes(lo.Name) {
			if isExtensionName(p) {
				continue // itself an extension (--check of --check-set)
			}
			for _, args := range [][]string{{"--" + p}, {"--" + p + "=3"}, {"--" + p, "3"}} {
				checkUnchanged(t, args)
				with, _ := parseBoth(args)
				if o := with.Opts; o != nil && o.Extensions != (Extensions{}) {
					t.Errorf("%q was taken for --%s", args, lo.Name)
				}
				if strings.Contains(with.Out.Stdout, "beyond net-tools") {
					t.Errorf("%q printed the extended help", args)
				}
			}
		}
	}
}

// isExtensionName reports whether name is an extension option's name.
func isExtensionName(name string) bool {
	for _, lo := range extensionOptions {
		if lo.Name == name {
			return true
		}
	}
	return false
}

// TestExtensionNamesFree checks the rule that keeps net-tools command lines
// unchanged: no extension name is a net-tools option name or a prefix of
// one (which would turn an abbreviation into the extension), and values and
// names do not collide.
func TestExtensionNamesFree(t *testing.T) {
	vals := map[int]bool{}
	for _, lo := range longOptions {
		vals[lo.Val] = true
	}
	for i := 0; i < len(shortOptions); i++ {
		vals[int(shortOptions[i])] = true
	}
	names := map[string]bool{}
	for _, e := range extensionOptions {
		for _, lo := range longOptions {
			if strings.HasPrefix(lo.Name, e.Name) {
				t.Errorf("extension --%s is a prefix of net-tools --%s", e.Name, lo.Name)
			}
		}
		if names[e.Name] || vals[e.Val] {
			t.Errorf("extension --%s reuses a name or value", e.Name)
		}
		names[e.Name], vals[e.Val] = true, true
		if e.Help == "" || (e.Arg != noArgument) != (e.ArgName != "") {
			t.Errorf("extension --%s: help %q, argument name %q", e.Name, e.Help, e.ArgName)
		}
	}
}

func TestExtensionOptions(t *testing.T) {
	tests := []struct {
		args []string
		want Extensions // the DNS fields only
	}{
		{[]string{"--dns-timeout=3s"}, Extensions{DNSTimeout: 3 * time.Second}},
		{[]string{"--dns-timeout", "250ms", "-t"}, Extensions{DNSTimeout: 250 * time.Millisecond}},
		{[]string{"-t", "--dns-budget=1.5"}, Extensions{DNSBudget: 1500 * time.Millisecond}},
		{[]string{"--dns-budget", "2", "--dns-budget=1m"}, Extensions{DNSBudget: time.Minute}},
		{[]string{"--dns-parallel=1", "-tan"}, Extensions{DNSParallel: 1}},
		{[]string{"x", "--dns-parallel", "1024"}, Extensions{DNSParallel: 1024}},
		{[]string{"--dns-timeout=1s", "--dns-budget=2s", "--dns-parallel=3"},
			Extensions{DNSTimeout: time.Second, DNSBudget: 2 * time.Second, DNSParallel: 3}},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		opts, _, done := parse(append([]string{"netstat"}, tc.args...), &stdout, &stderr, false)
		if done || stdout.Len()+stderr.Len() > 0 {
			t.Errorf("%q: done %v, stdout %q, stderr %q", tc.args, done, stdout.String(), stderr.String())
			continue
		}
		got := Extensions{DNSTimeout: opts.DNSTimeout, DNSBudget: opts.DNSBudget, DNSParallel: opts.DNSParallel}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %+v, want %+v", tc.args, got, tc.want)
		}
		// The net-tools options around them mean what they meant.
		var rest []string
		for i := 0; i < len(tc.args); i++ {
			if strings.HasPrefix(tc.args[i], "--dns-") {
				if !strings.Contains(tc.args[i], "=") {
					i++
				}
				continue
			}
			rest = append(rest, tc.args[i])
		}
		plain, _, _ := parse(append([]string{"netstat"}, rest...), &stdout, &stderr, false)
		plain.DNSTimeout, plain.DNSBudget, plain.DNSParallel = got.DNSTimeout, got.DNSBudget, got.DNSParallel
		if !reflect.DeepEqual(opts, plain) {
			t.Errorf("%q: %+v, want %+v", tc.args, opts, plain)
		}
	}
}

func TestExtensionErrors(t *testing.T) {
	usageErr := UsageText()
	tests := []struct {
		args   []string
		exit   int
		stdout string
		stderr string
	}{
		{[]string{"--help-extended"}, ExitOK, ExtendedHelpText(), ""},
		{[]string{"-t", "--help-extended", "-y"}, ExitOK, ExtendedHelpText(), ""},
		{[]string{"-y", "--help-extended"}, ExitUsage, "", "netstat: invalid option -- 'y'\n" + usageErr + FamilyListText},
		{[]string{"--help-extended=1"}, ExitUsage, "",
			"netstat: option '--help-extended' doesn't allow an argument\n" + usageErr + FamilyListText},
		{[]string{"--dns-timeout"}, ExitUsage, "",
			"netstat: option '--dns-timeout' requires an argument\n" + usageErr + FamilyListText},
		{[]string{"--dns-timeout=abc"}, ExitUsage, "",
			"netstat: invalid argument 'abc' for --dns-timeout: want seconds or a duration such as 500ms\n"},
		{[]string{"--dns-timeout", "-V"}, ExitUsage, "",
			"netstat: invalid argument '-V' for --dns-timeout: want seconds or a duration such as 500ms\n"},
		{[]string{"--dns-budget=0"}, ExitUsage, "", "netstat: invalid argument '0' for --dns-budget: must be more than zero\n"},
		{[]string{"--dns-budget=-1s"}, ExitUsage, "", "netstat: invalid argument '-1s' for --dns-budget: must be more than zero\n"},
		{[]string{"--dns-budget=inf"}, ExitUsage, "",
			"netstat: invalid argument 'inf' for --dns-budget: want seconds or a duration such as 500ms\n"},
		{[]string{"--dns-budget=1e300"}, ExitUsage, "",
			"netstat: invalid argument '1e300' for --dns-budget: want seconds or a duration such as 500ms\n"},
		{[]string{"--dns-budget="}, ExitUsage, "",
			"netstat: invalid argument '' for --dns-budget: want seconds or a duration such as 500ms\n"},
		{[]string{"--dns-parallel=0"}, ExitUsage, "",
			"netstat: invalid argument '0' for --dns-parallel: want a whole number from 1 to 1024\n"},
		{[]string{"--dns-parallel=1025"}, ExitUsage, "",
			"netstat: invalid argument '1025' for --dns-parallel: want a whole number from 1 to 1024\n"},
		{[]string{"--dns-parallel=2x"}, ExitUsage, "",
			"netstat: invalid argument '2x' for --dns-parallel: want a whole number from 1 to 1024\n"},
	}
	for _, tc := range tests {
		got, done := runParse("netstat", tc.args, false)
		want := outcome{tc.stdout, tc.stderr, tc.exit}
		if !done || got != want {
			t.Errorf("%q: done %v\n got %+v\nwant %+v", tc.args, done, got, want)
		}
	}
}

// TestHelpUnchanged checks that --help and -h keep net-tools' text (the
// differential tests compare it with the reference byte for byte) and do
// not mention the extension options.
func TestHelpUnchanged(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"--he"}} {
		got, _ := runParse("netstat", args, false)
		if got.Stdout != UsageText() || strings.Contains(got.Stdout, "dns") {
			t.Errorf("%q printed %q", args, got.Stdout)
		}
	}
}

func TestExtendedHelpText(t *testing.T) {
	got := ExtendedHelpText()
	if !strings.HasPrefix(got, "Options beyond net-tools 2.10 (long options, accepted only when spelled in full):\n\n") ||
		!strings.HasSuffix(got, "  shown as a number, as when DNS has no name for it.\n") {
		t.Errorf("extended help head or tail:\n%s", got)
	}
	for _, want := range []string{
		"        --dns-timeout=DURATION       give up one DNS reverse lookup after DURATION (default 1s)\n",
		"        --watch[=SECONDS]            refresh every SECONDS (default 1) and show what changed\n",
		"        --json                       print the table as JSON (schema: docs/json.md)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("extended help lacks %q:\n%s", want, got)
		}
	}
	// One line per option, the descriptions in one column.
	lines := strings.Split(got, "\n")
	for i, lo := range extensionOptions {
		line := lines[2+i]
		if !strings.HasPrefix(line, "        --"+lo.Name) || !strings.HasSuffix(line, "  "+lo.Help) ||
			len(line)-len(lo.Help) != 8+helpNameWidth {
			t.Errorf("line %q for --%s", line, lo.Name)
		}
	}
}

// TestFeatureOptions checks the values of the feature options and that
// --watch takes a value only after '='.
func TestFeatureOptions(t *testing.T) {
	tests := []struct {
		args []string
		want Extensions
	}{
		{[]string{"--json", "-tan"}, Extensions{JSON: true}},
		{[]string{"--state=listen,established", "--port", "22"},
			Extensions{Filters: Filters{State: "listen,established", Port: "22"}}},
		{[]string{"--sport=1-1024", "--dport=443", "--addr=10.0.0.0/8", "--pid=1,2", "--program-name=sshd", "--user=root"},
			Extensions{Filters: Filters{SPort: "1-1024", DPort: "443", Addr: "10.0.0.0/8", PID: "1,2", Program: "sshd", User: "root"}}},
		{[]string{"--summary", "--count=lport", "--top", "5"}, Extensions{Summary: true, Count: "lport", Top: 5}},
		{[]string{"--top=2", "--count=user"}, Extensions{Count: "user", Top: 2}},
		{[]string{"--watch"}, Extensions{Watch: time.Second}},
		{[]string{"--watch=2.5", "-i"}, Extensions{Watch: 2500 * time.Millisecond}},
		{[]string{"--netns=blue", "--all-netns", "--tcp-info", "--nat"},
			Extensions{NetNS: "blue", AllNetNS: true, TCPInfo: true, NAT: true}},
		{[]string{"--check", "--check-interval=200ms", "--check-config=/etc/x", "--check-set=a=1", "--check-set", "b=2"},
			Extensions{Check: true, CheckInterval: 200 * time.Millisecond, CheckConfig: "/etc/x", CheckSet: "a=1\nb=2"}},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		opts, _, done := parse(append([]string{"netstat"}, tc.args...), &stdout, &stderr, false)
		if done || stdout.Len()+stderr.Len() > 0 {
			t.Errorf("%q: done %v, stdout %q, stderr %q", tc.args, done, stdout.String(), stderr.String())
			continue
		}
		if opts.Extensions != tc.want {
			t.Errorf("%q: got %+v, want %+v", tc.args, opts.Extensions, tc.want)
		}
	}
	// "--watch 3": the 3 is not its value but net-tools' trailing delay.
	var stdout, stderr bytes.Buffer
	opts, _, _ := parse([]string{"netstat", "--watch", "3"}, &stdout, &stderr, false)
	if opts == nil || opts.Watch != time.Second {
		t.Errorf("--watch 3: %+v", opts)
	}
	for _, bad := range [][]string{{"--count=port"}, {"--top=0"}, {"--top=3"}, {"--watch=0"}, {"--netns="}, {"--check-set=x"}} {
		stdout.Reset()
		stderr.Reset()
		_, code, done := parse(append([]string{"netstat"}, bad...), &stdout, &stderr, false)
		if !done || code != ExitUsage || !strings.HasPrefix(stderr.String(), "netstat: ") {
			t.Errorf("%q: code %d, stderr %q", bad, code, stderr.String())
		}
	}
}
