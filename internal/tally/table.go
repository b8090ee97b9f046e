package tally

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gonetstat/netstat/internal/termsafe"
)

// table is a small text table whose columns are as wide as their widest
// cell, separated by two spaces; column right (if any) is right-aligned.
type table struct {
	head  []string
	right int
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	for _, r := range t.rows {
		for i, c := range r {
			r[i] = termsafe.Inline(w, c) // a program or user name on a terminal
		}
	}
	widths := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			switch {
			case i == t.right:
				b.WriteString(pad + c)
			case i == len(r)-1:
				b.WriteString(c) // no trailing blanks
			default:
				b.WriteString(c + pad)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
