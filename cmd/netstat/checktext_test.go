package main

import (
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/diagnose"
)

func TestCheckTextLayout(t *testing.T) {
	fs := []diagnose.Finding{
		{Check: "close-wait", Severity: diagnose.Warning, Title: "leaky holds 12 sockets",
			Evidence: []string{"leaky (pid 7): 12 in CLOSE_WAIT"},
			Advice:   strings.Repeat("close your sockets please ", 6)},
		{Check: "orphans", Severity: diagnose.OK, Title: "0 orphaned TCP sockets", Evidence: []string{"hidden"}},
	}
	var b strings.Builder
	if err := writeCheckText(&b, fs, diagnose.Warning); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"WARNING  close-wait: leaky holds 12 sockets",
		"         leaky (pid 7): 12 in CLOSE_WAIT",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	if !strings.HasPrefix(lines[2], "         → close your") || !strings.HasPrefix(lines[3], "           sockets") {
		t.Errorf("advice not wrapped under its arrow: %q", lines[2:4])
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > checkTextWidth {
			t.Errorf("%d columns: %q", n, l)
		}
		if strings.Contains(l, "hidden") {
			t.Error("evidence of an ok finding printed")
		}
	}
	if last := lines[len(lines)-1]; last != "status: warning (0 critical, 1 warning, 1 ok)" {
		t.Errorf("summary %q", last)
	}
	if got := lines[len(lines)-2]; got != "OK       orphans: 0 orphaned TCP sockets" {
		t.Errorf("ok line %q", got)
	}
}
