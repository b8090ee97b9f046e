package netns_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// TestSameAsIPNetnsExec compares "netstat --netns=NAME ARGS" with
// "ip netns exec NAME /usr/bin/netstat ARGS", byte for byte. The
// namespaces are idle, so even the counters of -i and -s stand still.
func TestSameAsIPNetnsExec(t *testing.T) {
	l := newLab(t)
	modes := [][]string{
		{"-tan"}, {"-tanp"}, {"-uan"}, {"-tuanpe"}, {"-xa"}, {"-xap"},
		{"-rn"}, {"-rn", "-6"}, {"-i"}, {"-ia"}, {"-ie"}, {"-s"}, {"-gn"},
	}
	for _, ns := range []string{l.blue, l.red} {
		for _, args := range modes {
			name := strings.TrimPrefix(ns, ns[:strings.LastIndex(ns, "-")+1]) + strings.Join(args, "")
			t.Run(name, func(t *testing.T) {
				want := execute(t, append([]string{"ip", "netns", "exec", ns, nstest.Reference}, args...)...)
				got := ours(t, append([]string{"--netns=" + ns}, args...)...)
				if got != want {
					t.Errorf("--netns=%s %s differs from ip netns exec:\n--- ours (exit %d)\n%s%s--- net-tools (exit %d)\n%s%s",
						ns, strings.Join(args, " "), got.code, got.stdout, got.stderr, want.code, want.stdout, want.stderr)
				}
			})
		}
	}
}

// TestReadsTheRightNamespace checks that each namespace shows its own
// sockets and not the others', by name, path and pid, and that the
// process names of -p are right across namespaces.
func TestReadsTheRightNamespace(t *testing.T) {
	l := newLab(t)
	cases := []struct {
		spec     string
		port     int
		pid      int
		program  string
		notPorts []int
	}{
		{l.blue, l.bluePort, l.bluePID, "gnst-blue", []int{l.redPort, l.lonePort}},
		{"/run/netns/" + l.red, l.redPort, l.redPID, "gnst-red", []int{l.bluePort, l.lonePort}},
		{strconv.Itoa(l.redPID), l.redPort, l.redPID, "gnst-red", []int{l.bluePort, l.lonePort}},
		{strconv.Itoa(l.lonePID), l.lonePort, l.lonePID, "gnst-lone", []int{l.bluePort, l.redPort}},
		{fmt.Sprintf("/proc/%d/ns/net", l.lonePID), l.lonePort, l.lonePID, "gnst-lone", []int{l.bluePort, l.redPort}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.spec, "/", "_"), func(t *testing.T) {
			r := ours(t, "--netns="+c.spec, "-tulanp")
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			listen := regexp.MustCompile(fmt.Sprintf(`(?m)^tcp +0 +0 0\.0\.0\.0:%d +0\.0\.0\.0:\* +LISTEN +%d/%s *$`, c.port, c.pid, regexp.QuoteMeta(c.program)))
			if !listen.MatchString(r.stdout) {
				t.Errorf("no LISTEN row for port %d held by %d/%s:\n%s", c.port, c.pid, c.program, r.stdout)
			}
			udp := regexp.MustCompile(fmt.Sprintf(`(?m)^udp +0 +0 0\.0\.0\.0:%d +0\.0\.0\.0:\* +%d/%s *$`, c.port+1, c.pid, regexp.QuoteMeta(c.program)))
			if !udp.MatchString(r.stdout) {
				t.Errorf("no UDP row for port %d held by %d/%s:\n%s", c.port+1, c.pid, c.program, r.stdout)
			}
			for _, p := range c.notPorts {
				if strings.Contains(r.stdout, ":"+strconv.Itoa(p)+" ") {
					t.Errorf("port %d of another namespace shows:\n%s", p, r.stdout)
				}
			}
		})
	}
}

// TestAllNetns checks that --all-netns lists each test namespace once,
// under a header that names it, with its own sockets in its section.
func TestAllNetns(t *testing.T) {
	l := newLab(t)
	r := ours(t, "--all-netns", "-tlnp")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	sections := map[string]string{} // header -> body
	var header string
	for _, line := range strings.SplitAfter(r.stdout, "\n") {
		if strings.HasPrefix(line, "Network namespace ") {
			header = line
			if _, dup := sections[header]; dup {
				t.Errorf("header twice: %q", header)
			}
			sections[header] = ""
			continue
		}
		sections[header] += line
	}
	want := []struct {
		header  *regexp.Regexp
		port    int
		pid     int
		program string
	}{
		{regexp.MustCompile(`^Network namespace "` + regexp.QuoteMeta(l.blue) + `" \(net:\[\d+\]\), pids ` + strconv.Itoa(l.bluePID) + ` \(gnst-blue\)\n$`), l.bluePort, l.bluePID, "gnst-blue"},
		{regexp.MustCompile(`^Network namespace "` + regexp.QuoteMeta(l.red) + `" \(net:\[\d+\]\), pids ` + strconv.Itoa(l.redPID) + ` \(gnst-red\)\n$`), l.redPort, l.redPID, "gnst-red"},
		{regexp.MustCompile(`^Network namespace \(` + regexp.QuoteMeta(l.loneInode) + `\), pids ` + strconv.Itoa(l.lonePID) + ` \(gnst-lone\)\n$`), l.lonePort, l.lonePID, "gnst-lone"},
	}
	for _, w := range want {
		found := 0
		for h, body := range sections {
			if !w.header.MatchString(h) {
				continue
			}
			found++
			row := fmt.Sprintf("0.0.0.0:%d ", w.port)
			if strings.Count(body, row) != 1 || !strings.Contains(body, fmt.Sprintf("%d/%s", w.pid, w.program)) {
				t.Errorf("section %q lacks its listener %s held by %d/%s:\n%s", h, row, w.pid, w.program, body)
			}
		}
		if found != 1 {
			t.Errorf("%d headers match %s in:\n%s", found, w.header, r.stdout)
		}
	}
	for _, p := range []int{l.bluePort, l.redPort, l.lonePort} {
		if n := strings.Count(r.stdout, fmt.Sprintf("0.0.0.0:%d ", p)); n != 1 {
			t.Errorf("listener on port %d shows %d times", p, n)
		}
	}
}

// TestAllNetnsJSON checks that --all-netns --json alternates a documented
// namespace line and a documented socket document, and that the blue
// namespace's document holds its listener.
func TestAllNetnsJSON(t *testing.T) {
	l := newLab(t)
	r := ours(t, "--all-netns", "--json", "-tln")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines)%2 != 0 || len(lines) < 6 {
		t.Fatalf("%d lines, want pairs of namespace line and document:\n%s", len(lines), r.stdout)
	}
	blue := false
	for i := 0; i < len(lines); i += 2 {
		schematest.Require(t, "../../docs/json.md", []byte(lines[i]), "namespace_line")
		schematest.Require(t, "../../docs/json.md", []byte(lines[i+1]), "document")
		var head struct {
			NetworkNamespace struct{ Names []string } `json:"network_namespace"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &head); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(head.NetworkNamespace.Names, l.blue) {
			blue = true
			if !strings.Contains(lines[i+1], fmt.Sprintf(`"port":%d`, l.bluePort)) {
				t.Errorf("blue's document lacks port %d: %s", l.bluePort, lines[i+1])
			}
		}
	}
	if !blue {
		t.Errorf("no namespace line names %s:\n%s", l.blue, r.stdout)
	}
}

// TestNamespaceErrors checks the messages and exit status of namespaces
// that cannot be read, and of option mixes that cannot work.
func TestNamespaceErrors(t *testing.T) {
	nstest.Require(t)
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--netns=gnst-no-such-ns", "-tan"}, 1,
			`netstat: cannot open network namespace "gnst-no-such-ns": No such file or directory (not a name under /run/netns nor a running process id)` + "\n"},
		{[]string{"--netns=/etc/hostname", "-tan"}, 1,
			`netstat: cannot open network namespace "/etc/hostname": not a network namespace` + "\n"},
		{[]string{"--all-netns", "-c", "-tan"}, 3,
			"netstat: --all-netns reads each namespace once: it does not go with --netns, -c or --watch\n"},
	}
	for _, c := range cases {
		r := ours(t, c.args...)
		if r.code != c.code || r.stderr != c.stderr || r.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d, stderr %q", strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.code, c.stderr)
		}
	}
}
