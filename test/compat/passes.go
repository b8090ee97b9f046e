package compat

import (
	"bytes"
	"fmt"
	"strings"
)

// Passes is the stdout of one `netstat -c` run cut into its passes.
type Passes struct {
	// Title is the line printed once before the first pass (the -i
	// "Kernel Interface table"), or nil when the table has none.
	Title []byte
	// Head is the line every pass starts with, without its newline.
	Head string
	// List holds the passes in order, each from its head line up to the
	// next one. Every pass but the last is complete; the last may have
	// been cut short by the signal.
	List [][]byte
}

// SplitPasses cuts out into passes. once, when not empty, is the title
// line (without its newline) that must open the output and appear nowhere
// else; the first line after it is the head that starts every pass. An
// output that does not open with once, or has no line after it, is an
// error.
func SplitPasses(out []byte, once string) (Passes, error) {
	var p Passes
	rest := out
	if once != "" {
		title := []byte(once + "\n")
		if !bytes.HasPrefix(out, title) {
			return p, fmt.Errorf("output does not start with the title %q", once)
		}
		if n := countLines(out, once); n != 1 {
			return p, fmt.Errorf("title %q printed %d times, want once", once, n)
		}
		p.Title, rest = out[:len(title)], out[len(title):]
	}
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return p, fmt.Errorf("no complete line after the title: %q", rest)
	}
	p.Head = string(rest[:nl])
	starts := lineStarts(rest, p.Head)
	for i, s := range starts {
		end := len(rest)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		p.List = append(p.List, rest[s:end])
	}
	return p, nil
}

// Complete is the number of passes known to be whole: all but the last.
func (p Passes) Complete() int {
	return max(len(p.List)-1, 0)
}

// Starts returns the offset of each pass in the output it was cut from.
func (p Passes) Starts() []int {
	var starts []int
	off := len(p.Title)
	for _, pass := range p.List {
		starts = append(starts, off)
		off += len(pass)
	}
	return starts
}

// First returns the title and the first n passes as one text.
func (p Passes) First(n int) []byte {
	out := append([]byte(nil), p.Title...)
	for _, pass := range p.List[:min(n, len(p.List))] {
		out = append(out, pass...)
	}
	return out
}

// lineStarts returns the offsets of the lines of text equal to line.
func lineStarts(text []byte, line string) []int {
	var starts []int
	for off := 0; off < len(text); {
		end := bytes.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		if string(text[off:off+end]) == line {
			starts = append(starts, off)
		}
		off += end + 1
	}
	return starts
}

// countLines counts the lines of text equal to line.
func countLines(text []byte, line string) int {
	return len(lineStarts(text, line))
}

// trailingBlankLines counts the empty lines that end pass.
func trailingBlankLines(pass []byte) int {
	lines := strings.Split(strings.TrimSuffix(string(pass), "\n"), "\n")
	n := 0
	for i := len(lines) - 1; i > 0 && lines[i] == ""; i-- {
		n++
	}
	return n
}

// SeparatorReport checks that ours adds nothing between passes: each of
// its complete passes ends with as many blank lines as the reference's
// first pass (the -ie blocks end with one, every other table with none),
// and its last pass with no more. It returns "" when that holds.
func SeparatorReport(ref, ours Passes) string {
	if len(ref.List) == 0 {
		return ""
	}
	want := trailingBlankLines(ref.List[0])
	var sb strings.Builder
	for i, pass := range ours.List {
		got := trailingBlankLines(pass)
		last := i == len(ours.List)-1
		if got != want && !last || last && got > want {
			fmt.Fprintf(&sb, "ours: pass %d ends with %d blank line(s), the reference's passes with %d (a separator between passes?)\n",
				i+1, got, want)
		}
	}
	return sb.String()
}
