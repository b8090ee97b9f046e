// Package docs_test checks the manual page and the shell completions: the
// page renders without a warning, and every option of internal/cli appears
// in the page and in both completion files, which load in their shells.
package docs_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/testenv"
)

// Paths from this directory.
const (
	manPage     = "../../docs/netstat.8"
	bashFile    = "../../completions/netstat.bash"
	zshFile     = "../../completions/_netstat"
	netToolsOpt = "../../internal/cli/longopts.go"
	extOpt      = "../../internal/cli/extopts.go"
)

// longOptions reads the long option names from the two option tables of
// internal/cli: every `Name: "..."` of a table row.
func longOptions(t *testing.T) []string {
	t.Helper()
	row := regexp.MustCompile(`\{Name: "([a-z0-9-]+)"`)
	seen := map[string]bool{}
	var names []string
	for _, file := range []string{netToolsOpt, extOpt} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range row.FindAllSubmatch(src, -1) {
			if n := string(m[1]); !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	if len(names) < 60 {
		t.Fatalf("found only %d long options in internal/cli: the table layout changed", len(names))
	}
	return names
}

// shortOptions reads the getopt short option string of internal/cli.
func shortOptions(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(netToolsOpt)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const shortOptions = "([^"]+)"`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no shortOptions in " + netToolsOpt)
	}
	return bytes.ReplaceAll(m[1], []byte(":"), nil)
}

// need skips t, or fails it under CI, without the tool.
func need(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		testenv.Skipf(t, "%s is missing (Debian: man-db, groff-base, zsh)", tool)
	}
	return path
}

// render runs argv, fails t on any output to stderr (groff's and man's
// warnings go there) and returns stdout.
func render(t *testing.T, argv ...string) string {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "MANWIDTH=80", "MAN_KEEP_FORMATTING=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, errOut.Bytes())
	}
	if errOut.Len() > 0 {
		t.Errorf("%s warns:\n%s", strings.Join(argv, " "), errOut.Bytes())
	}
	return out.String()
}

// mentions reports whether text holds word as a whole option word.
func mentions(text, word string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9-])` + regexp.QuoteMeta(word) + `($|[^A-Za-z0-9-])`)
	return re.MatchString(text)
}

func TestManPageRendersWithoutWarnings(t *testing.T) {
	need(t, "groff")
	render(t, "groff", "-man", "-ww", "-z", manPage)
	need(t, "man")
	text := render(t, "man", "--warnings=w", "-l", manPage)
	for _, section := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "EXTENSION OPTIONS", "EXAMPLES", "EXIT STATUS", "FILES", "SEE ALSO"} {
		if !regexp.MustCompile(`(?m)^` + section + `$`).MatchString(text) {
			t.Errorf("the page has no %s section", section)
		}
	}
}

func TestManPageNamesEveryOption(t *testing.T) {
	need(t, "groff")
	text := render(t, "groff", "-man", "-Tascii", "-P-cbu", "-ww", manPage)
	for _, name := range longOptions(t) {
		if !mentions(text, "--"+name) {
			t.Errorf("the page does not mention --%s", name)
		}
	}
	for _, c := range shortOptions(t) {
		if !mentions(text, "-"+string(c)) && !strings.Contains(text, "-"+string(c)+",") {
			t.Errorf("the page does not mention -%c", c)
		}
	}
	// EXIT STATUS tells --check's three statuses.
	_, section, _ := strings.Cut(text, "\nEXIT STATUS\n")
	section, _, _ = strings.Cut(section, "\nFILES\n")
	_, check, found := strings.Cut(strings.Join(strings.Fields(section), " "), "With --check,")
	if !found {
		t.Fatalf("EXIT STATUS does not tell --check's statuses:\n%s", section)
	}
	for _, status := range []string{"0", "1", "2"} {
		if !mentions(check, status) {
			t.Errorf("EXIT STATUS lacks --check's status %s: %q", status, check)
		}
	}
}

func TestCompletionFilesNameEveryOption(t *testing.T) {
	for _, file := range []string{bashFile, zshFile} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range longOptions(t) {
			if !mentions(strings.NewReplacer("=", " ", "[", " ", "'", " ").Replace(string(src)), "--"+name) {
				t.Errorf("%s does not name --%s", filepath.Base(file), name)
			}
		}
	}
}

// bashComplete runs the completion function for the words and returns
// the candidates, one per line.
func bashComplete(t *testing.T, script string) string {
	t.Helper()
	bash := need(t, "bash")
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", `source "$1" || exit 9
`+script, "bash", bashFile)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return string(out)
}

func TestBashCompletionLoads(t *testing.T) {
	if got := bashComplete(t, "complete -p netstat"); got != "complete -F _netstat netstat\n" {
		t.Errorf("complete -p netstat = %q", got)
	}
	got := bashComplete(t, `COMP_WORDS=(netstat --num); COMP_CWORD=1; _netstat; printf '%s\n' "${COMPREPLY[@]}"`)
	want := "--numeric\n--numeric-hosts\n--numeric-ports\n--numeric-users\n"
	if got != want {
		t.Errorf("completing --num offers:\n%swant:\n%s", got, want)
	}
	got = bashComplete(t, `COMP_WORDS=(netstat --count=p); COMP_CWORD=1; _netstat; printf '%s\n' "${COMPREPLY[@]}"`)
	if got != "program\n" {
		t.Errorf("completing --count=p offers %q, want program", got)
	}
	got = bashComplete(t, `COMP_WORDS=(netstat -A in); COMP_CWORD=2; _netstat; printf '%s\n' "${COMPREPLY[@]}"`)
	if got != "inet\ninet6\n" {
		t.Errorf("completing -A in offers %q, want inet and inet6", got)
	}
}

// TestBashCompletesEveryOption completes the full name of each long option
// and checks that it is offered.
func TestBashCompletesEveryOption(t *testing.T) {
	names := longOptions(t)
	var script strings.Builder
	for _, n := range names {
		script.WriteString(`COMP_WORDS=(netstat --` + n + `); COMP_CWORD=1; _netstat; echo "` + n + `: ${COMPREPLY[*]}"` + "\n")
	}
	out := bashComplete(t, script.String())
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		name, offered, _ := strings.Cut(line, ": ")
		ok := false
		for _, w := range strings.Fields(offered) {
			if w == "--"+name || w == "--"+name+"=" {
				ok = true
			}
		}
		if !ok {
			t.Errorf("completing --%s offers %q", name, offered)
		}
	}
}

func TestZshCompletionLoads(t *testing.T) {
	zsh := need(t, "zsh")
	dir, err := filepath.Abs(filepath.Dir(zshFile))
	if err != nil {
		t.Fatal(err)
	}
	// The dump file goes to a temporary directory: compinit removes and
	// rewrites it when it dumps, which must never touch a shared file.
	script := `fpath=("$1" $fpath)
autoload -Uz compinit && compinit -u -D -d "$2/zcompdump" || exit 9
print -r -- "comps=${_comps[netstat]}"
autoload +X _netstat || exit 8
print -r -- "$(whence -v _netstat)"
`
	cmd := exec.Command(zsh, "-f", "-c", script, "zsh", dir, t.TempDir())
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("zsh: %v\n%s", err, out)
	}
	want := "comps=_netstat\n_netstat is a shell function from " + filepath.Join(dir, "_netstat") + "\n"
	if string(out) != want {
		t.Errorf("zsh says:\n%swant:\n%s", out, want)
	}
}

// TestManPageNamesEveryThreshold checks that each --check threshold the
// diagnose package accepts is documented.
func TestManPageNamesEveryThreshold(t *testing.T) {
	need(t, "groff")
	text := render(t, "groff", "-man", "-Tascii", "-P-cbu", "-ww", manPage)
	names := diagnose.ThresholdNames()
	if len(names) < 10 {
		t.Fatalf("only %d threshold names: %q", len(names), names)
	}
	for _, name := range names {
		if !mentions(text, name) {
			t.Errorf("the page does not mention the threshold %s", name)
		}
	}
}
