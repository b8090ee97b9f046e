package compat

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSplitPasses checks the pass splitting and the separator check on
// synthetic outputs.
func TestSplitPasses(t *testing.T) {
	p, err := SplitPasses([]byte("T\nH\na\nH\nb\nH\nc"), "T")
	if err != nil {
		t.Fatal(err)
	}
	if p.Head != "H" || len(p.List) != 3 || p.Complete() != 2 || string(p.First(2)) != "T\nH\na\nH\nb\n" {
		t.Errorf("split = head %q, %q", p.Head, p.List)
	}
	if got := fmt.Sprint(p.Starts()); got != "[2 6 10]" {
		t.Errorf("pass offsets %s, want [2 6 10]", got)
	}
	if _, err := SplitPasses([]byte("T\nH\na\nT\nH\nb\n"), "T"); err == nil {
		t.Error("a title printed twice was accepted")
	}
	if _, err := SplitPasses([]byte("H\na\n"), "T"); err == nil {
		t.Error("a missing title was accepted")
	}
	ref, _ := SplitPasses([]byte("H\na\nH\na\nH\n"), "")
	sep, _ := SplitPasses([]byte("H\na\n\nH\na\n\nH\n"), "")
	if r := SeparatorReport(ref, sep); !strings.Contains(r, "pass 1 ends with 1 blank line(s)") {
		t.Errorf("a blank line between passes was not reported: %q", r)
	}
	if r := SeparatorReport(ref, ref); r != "" {
		t.Errorf("identical layouts reported: %q", r)
	}
	blocks, _ := SplitPasses([]byte("if0: x\n y\n\nif1: x\n\nif0: x\n y\n\nif1: x\n\nif0: x\n"), "")
	if r := SeparatorReport(blocks, blocks); r != "" || blocks.Complete() != 2 {
		t.Errorf("-ie blocks: %d complete passes, report %q", blocks.Complete(), r)
	}
}

// TestStampedBuffer checks that a byte's arrival is the time of the write
// that brought it.
func TestStampedBuffer(t *testing.T) {
	b := &stampedBuffer{start: time.Now().Add(-time.Hour)}
	b.Write([]byte("ab"))
	first := b.times[0]
	b.Write([]byte("cd"))
	if b.arrival(0) != first || b.arrival(1) != first || b.arrival(2) != b.times[1] || b.arrival(4) != -1 {
		t.Errorf("arrivals %v %v %v %v for writes at %v", b.arrival(0), b.arrival(1), b.arrival(2), b.arrival(4), b.times)
	}
	if string(b.Bytes()) != "abcd" {
		t.Errorf("contents %q", b.Bytes())
	}
}
