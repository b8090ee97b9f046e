package compat

import (
	"strings"
	"testing"
)

// These tests check the comparison logic itself on synthetic outputs.

func TestCompareExact(t *testing.T) {
	base := Result{Stdout: []byte("a\nb  \n"), Stderr: []byte("warn\n"), Status: "exit 0"}
	if r := (Comparison{}).Compare(base, base); r != "" {
		t.Fatalf("identical results reported as different:\n%s", r)
	}
	cases := []struct {
		name string
		ours Result
		want []string
	}{
		{"trailing space", Result{Stdout: []byte("a\nb \n"), Stderr: base.Stderr, Status: "exit 0"},
			[]string{"stdout differs", "-b  $", "+b $"}},
		{"missing final newline", Result{Stdout: []byte("a\nb  "), Stderr: base.Stderr, Status: "exit 0"},
			[]string{"+b  $ (no newline at end)"}},
		{"stderr", Result{Stdout: base.Stdout, Stderr: []byte("warm\n"), Status: "exit 0"},
			[]string{"stderr differs", "-warn$", "+warm$"}},
		{"status", Result{Stdout: base.Stdout, Stderr: base.Stderr, Status: "exit 1"},
			[]string{`exit status: reference "exit 0", ours "exit 1"`}},
		{"control byte", Result{Stdout: []byte("a\nb \x01\n"), Stderr: base.Stderr, Status: "exit 0"},
			[]string{`+b \x01$`}},
	}
	for _, c := range cases {
		r := (Comparison{}).Compare(base, c.ours)
		for _, w := range c.want {
			if !strings.Contains(r, w) {
				t.Errorf("%s: report lacks %q:\n%s", c.name, w, r)
			}
		}
	}
}

func TestCompareTimers(t *testing.T) {
	ref := "tcp  x  ESTABLISHED keepalive (7199.50/0/0)\ntcp  y  LISTEN      off (0.00/0/0)\n"
	cases := []struct {
		ours string
		same bool
	}{
		{ref, true},
		{"tcp  x  ESTABLISHED keepalive (7199.20/0/0)\ntcp  y  LISTEN      off (0.00/0/0)\n", true},
		{"tcp  x  ESTABLISHED keepalive (7197.20/0/0)\ntcp  y  LISTEN      off (0.00/0/0)\n", false}, // too far
		{"tcp  x  ESTABLISHED keepalive (7199.50/1/0)\ntcp  y  LISTEN      off (0.00/0/0)\n", false}, // RETR
		{"tcp  x  ESTABLISHED on (7199.50/0/0)\ntcp  y  LISTEN      off (0.00/0/0)\n", false},        // kind
		{"tcp  x  ESTABLISHED keepalive (7199.5/0/0)\ntcp  y  LISTEN      off (0.00/0/0)\n", false},  // format
		{"tcp  x  ESTABLISHED keepalive (7199.50/0/0)\n", false},                                     // row lost
	}
	for i, c := range cases {
		got := Comparison{Timers: true}.sameStdout(ref, c.ours)
		if got != c.same {
			t.Errorf("case %d: sameStdout = %v, want %v\nours: %q", i, got, c.same, c.ours)
		}
	}
	if (Comparison{}).sameStdout(ref, cases[1].ours) {
		t.Error("timer tolerance applied without Timers")
	}
}

func TestUnifiedDiffHunks(t *testing.T) {
	var a, b []string
	for i := range 30 {
		line := strings.Repeat("x", i)
		a = append(a, line)
		if i == 5 {
			line += "!"
		}
		if i != 20 {
			b = append(b, line)
		}
	}
	d := UnifiedDiff("a", "b", strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
	if got := strings.Count(d, "@@ -"); got != 2 {
		t.Errorf("want 2 hunks, got %d:\n%s", got, d)
	}
	for _, w := range []string{"@@ -3,7 +3,7 @@", "@@ -18,7 +18,6 @@", "-xxxxx$", "+xxxxx!$"} {
		if !strings.Contains(d, w) {
			t.Errorf("diff lacks %q:\n%s", w, d)
		}
	}
}

func TestCompareTimersReport(t *testing.T) {
	ref := Result{Status: "exit 0", Stdout: []byte("H Recv-Q\nrow timewait (56.46/0/0)\nrow off (0.00/0/0)\n")}
	ours := Result{Status: "exit 0", Stdout: []byte("H Recv-q\nrow timewait (56.42/0/0)\nrow off (0.00/0/0)\n")}
	r := Comparison{Timers: true}.Compare(ref, ours)
	if !strings.Contains(r, "+H Recv-q$") {
		t.Errorf("report misses the real difference:\n%s", r)
	}
	if strings.Contains(r, "+row timewait") {
		t.Errorf("report shows a timer difference within tolerance:\n%s", r)
	}
	ours.Stdout = []byte("H Recv-Q\nrow timewait (50.42/0/0)\nrow off (0.00/0/0)\n")
	r = Comparison{Timers: true}.Compare(ref, ours)
	if !strings.Contains(r, "+row timewait (50.42/0/0)$") {
		t.Errorf("report misses a timer difference beyond tolerance:\n%s", r)
	}
}
