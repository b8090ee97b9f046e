package terminal

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gonetstat/netstat/internal/termsafe"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// shownName is a name as the reference prints it into a pipe (raw) and as
// our netstat must show it on a terminal (escaped).
type shownName struct {
	what, raw, escaped string
}

// nameKinds select the names a case must show.
type nameKinds struct {
	programs, paths, host, longHost, routeHost, links bool
}

// cases are the option sets checked, with the names each must show.
var cases = []struct {
	args  []string
	shows nameKinds
}{
	{[]string{"-tap"}, nameKinds{programs: true, host: true, longHost: true}},
	{[]string{"-xap"}, nameKinds{programs: true, paths: true}},
	{[]string{"-xp"}, nameKinds{programs: true, paths: true}},
	{[]string{"-ta"}, nameKinds{host: true, longHost: true}},
	{[]string{"-i"}, nameKinds{links: true}},
	{[]string{"-ie"}, nameKinds{links: true}},
	{[]string{"-r"}, nameKinds{links: true, routeHost: true}},
	{[]string{"-e"}, nameKinds{host: true, paths: true}},
}

// TestHostileNames runs each case into a pipe (ours and the reference)
// and onto a terminal (ours), and checks what each got.
func TestHostileNames(t *testing.T) {
	s := newScene(t)
	splits := 0
	for i, h := range holders {
		if h.escaped == "" && !utf8.ValidString(s.program(i)) {
			splits++
		}
	}
	if splits != 1 {
		t.Fatalf("%d program names end in a split character, want exactly 1 of the two \u00e9 runs", splits)
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			s.check(t, c.args, s.names(c.shows))
		})
	}
}

// names lists what a case must show.
func (s *scene) names(k nameKinds) []shownName {
	var list []shownName
	add := func(what, raw, escaped string) {
		list = append(list, shownName{what, raw, escaped})
	}
	if k.programs {
		for i, h := range holders {
			raw := s.program(i)
			escaped := ""
			switch {
			case h.escaped != "":
				escaped = raw[:strings.IndexByte(raw, '/')+1] + h.escaped
			case utf8.ValidString(raw):
				escaped = raw
			default: // the cut left the first byte of an é
				escaped = raw[:len(raw)-1] + `\xc3`
			}
			add(fmt.Sprintf("program %q", h.argv0), raw+" ", escaped+" ")
		}
	}
	if k.paths {
		for _, h := range holders {
			for _, u := range h.sockets {
				prefix := ""
				if !strings.HasPrefix(u.name, "@") {
					prefix = s.dir + "/"
				}
				add(fmt.Sprintf("UNIX socket %q", u.name), " "+prefix+u.shown+"\n", " "+prefix+u.escaped+"\n")
			}
		}
	}
	if k.host {
		add("host of 192.0.2.77", " "+evilHost+":7001 ", ` ev\e[31m\x07il\xffhost:7001 `)
	}
	if k.longHost {
		add("host of 192.0.2.78 (cut)", " \x1b]2;pwned\x07-", ` \e]2;pwned\x07-`)
	}
	if k.routeHost {
		add("host of 203.0.113.9", "\n"+routeHost+" ", "\n"+`h\e]0;t\x07\u009b`+"\u00e9 ")
	}
	if k.links {
		add(fmt.Sprintf("interface %q", evilLink), evilLink, `gn\e[7m\x07`)
		add(fmt.Sprintf("interface %q", badLink), badLink, `gn\xff\x9b\x01\u009b`)
	}
	return list
}

// run is one run of a netstat.
type run struct {
	stdout, stderr []byte
	err            error
}

// exit describes how a run ended.
func (r run) exit() string {
	var ee *exec.ExitError
	switch {
	case r.err == nil:
		return "exit 0"
	case errors.As(r.err, &ee):
		return ee.ProcessState.String()
	}
	return r.err.Error()
}

// inPipe runs bin with args in the scene's namespace, stdout into a pipe.
func (s *scene) inPipe(bin string, args []string) run {
	cmd := nstest.NetnsExec(s.ns, append([]string{bin}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return run{out.Bytes(), errOut.Bytes(), err}
}

// onTerminal runs our netstat with args in the scene's namespace, stdout on
// a pseudo-terminal.
func (s *scene) onTerminal(t *testing.T, args []string) run {
	cmd := nstest.NetnsExec(s.ns, append([]string{nstest.Ours()}, args...)...)
	out, errOut, err := onTerminal(t, cmd)
	return run{out, errOut, err}
}

// check runs one case. The kernel state is still, but a mismatch is
// retried once (a stray packet can change an interface counter).
func (s *scene) check(t *testing.T, args []string, names []shownName) {
	var problems []string
	var ref, pipe, term run
	for try := 0; try < 2; try++ {
		ref = s.inPipe(nstest.Reference, args)
		pipe = s.inPipe(nstest.Ours(), args)
		term = s.onTerminal(t, args)
		problems = compareRuns(ref, pipe, term, s.terminalView(ref.stdout))
		if len(problems) == 0 {
			break
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
	if ref.err != nil {
		t.Fatalf("the reference ended with %s: %s", ref.exit(), ref.stderr)
	}
	for _, n := range names {
		if !bytes.Contains(ref.stdout, []byte(n.raw)) {
			t.Errorf("the reference does not show %s as %q:\n%q", n.what, n.raw, ref.stdout)
		}
		if !bytes.Contains(term.stdout, []byte(n.escaped)) {
			t.Errorf("the terminal does not show %s as %q:\n%s", n.what, n.escaped, term.stdout)
		}
	}
	if at, why := firstUnsafe(term.stdout); at >= 0 {
		t.Errorf("%s at byte %d reached the terminal: %q", why, at, around(term.stdout, at))
	}
}

// compareRuns lists how the runs of one case differ from what they
// should be: the pipe byte for byte the reference, the terminal want.
func compareRuns(ref, pipe, term run, want []byte) []string {
	var p []string
	if !bytes.Equal(pipe.stdout, ref.stdout) {
		p = append(p, "stdout into a pipe differs from the reference:\n"+lineDiff(ref.stdout, pipe.stdout))
	}
	if !bytes.Equal(pipe.stderr, ref.stderr) {
		p = append(p, fmt.Sprintf("stderr into a pipe: got %q, the reference %q", pipe.stderr, ref.stderr))
	}
	if pipe.exit() != ref.exit() {
		p = append(p, fmt.Sprintf("into a pipe: %s, the reference %s", pipe.exit(), ref.exit()))
	}
	if !bytes.Equal(term.stdout, want) {
		p = append(p, "the terminal got other text than the pipe's mapped through termsafe:\n"+lineDiff(want, term.stdout))
	}
	if !bytes.Equal(term.stderr, ref.stderr) || term.exit() != ref.exit() {
		p = append(p, fmt.Sprintf("on a terminal: %s, stderr %q; the reference %s, %q", term.exit(), term.stderr, ref.exit(), ref.stderr))
	}
	return p
}

// terminalView is what the terminal must show for the pipe text raw: the
// newline of a program name written as \n by the -p column, then every
// byte mapped by termsafe.
func (s *scene) terminalView(raw []byte) []byte {
	for i := range holders {
		if p := s.program(i); strings.Contains(p, "\n") {
			raw = bytes.ReplaceAll(raw, []byte(p), []byte(strings.ReplaceAll(p, "\n", `\n`)))
		}
	}
	var b bytes.Buffer
	w := termsafe.NewWriter(&b)
	w.Write(raw)
	w.Flush()
	return b.Bytes()
}

// firstUnsafe returns the offset in b of the first thing that must not
// reach a terminal (a C0 control but newline, DEL, a C1 control raw or
// UTF-8 encoded, a byte that is not UTF-8) and says what it is; -1 when
// there is none.
func firstUnsafe(b []byte) (int, string) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			if b[i] >= 0x80 && b[i] <= 0x9f {
				return i, fmt.Sprintf("raw C1 byte %#x", b[i])
			}
			return i, fmt.Sprintf("byte %#x (not UTF-8)", b[i])
		case r < 0x20 && r != '\n', r == 0x7f:
			return i, fmt.Sprintf("control byte %#x", r)
		case r >= 0x80 && r <= 0x9f:
			return i, fmt.Sprintf("C1 control %U", r)
		}
		i += size
	}
	return -1, ""
}

// around returns up to 40 bytes of b either side of at.
func around(b []byte, at int) []byte {
	return b[max(0, at-40):min(len(b), at+40)]
}

// lineDiff shows the lines of got that differ from want, quoted so that
// control bytes show.
func lineDiff(want, got []byte) string {
	w, g := strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %q\n+ %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}
