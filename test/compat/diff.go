package compat

import (
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// splitLines splits text into lines without their "\n". A missing final
// newline is kept visible by marking the last line.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\x00<no newline at end>"
	return lines
}

// visible makes trailing spaces and control bytes readable: control bytes
// become \xNN and every line ends with "$", as with `cat -A`.
func visible(line string) string {
	if base, ok := strings.CutSuffix(line, "\x00<no newline at end>"); ok {
		return visible(base) + " (no newline at end)"
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, `\x%02x`, c)
		} else {
			b.WriteByte(c)
		}
	}
	b.WriteByte('$')
	return b.String()
}

// edit is one line of a diff: op is ' ', '-' or '+'.
type edit struct {
	op   byte
	line string
}

// lineEdits computes a shortest edit script from a to b with a longest
// common subsequence table (the outputs compared here are small). Lines
// match when same says so; a matched pair is shown with a's text.
func lineEdits(a, b []string, same func(x, y string) bool) []edit {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if same(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []edit
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && same(a[i], b[j]):
			out = append(out, edit{' ', a[i]})
			i++
			j++
		case j == m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	return out
}

// equalLines is the exact line comparison.
func equalLines(x, y string) bool { return x == y }

// UnifiedDiff returns a unified-style diff of two texts, or "" when they are
// equal. Lines are shown with visible() so trailing spaces stand out.
func UnifiedDiff(nameA, nameB, a, b string) string {
	return UnifiedDiffFunc(nameA, nameB, a, b, equalLines)
}

// UnifiedDiffFunc is UnifiedDiff with a custom line equivalence; it returns
// "" when every line has an equivalent.
func UnifiedDiffFunc(nameA, nameB, a, b string, same func(x, y string) bool) string {
	if a == b {
		return ""
	}
	edits := lineEdits(splitLines(a), splitLines(b), same)
	changed := false
	for _, e := range edits {
		changed = changed || e.op != ' '
	}
	if !changed {
		return ""
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", nameA, nameB)
	// Walk the edits, emitting hunks of changes with context.
	lineA, lineB := 1, 1
	for k := 0; k < len(edits); {
		if edits[k].op == ' ' {
			lineA++
			lineB++
			k++
			continue
		}
		start := max(0, k-diffContext)
		end := k
		for end < len(edits) {
			if edits[end].op != ' ' {
				end++
				continue
			}
			run := end
			for run < len(edits) && edits[run].op == ' ' {
				run++
			}
			if run == len(edits) || run-end > 2*diffContext {
				end = min(run, end+diffContext)
				break
			}
			end = run
		}
		back := k - start
		fromA, fromB := lineA-back, lineB-back
		var countA, countB int
		for _, e := range edits[start:end] {
			if e.op != '+' {
				countA++
			}
			if e.op != '-' {
				countB++
			}
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", fromA, countA, fromB, countB)
		for _, e := range edits[start:end] {
			fmt.Fprintf(&sb, "%c%s\n", e.op, visible(e.line))
		}
		lineA, lineB = fromA+countA, fromB+countB
		k = end
	}
	return sb.String()
}
