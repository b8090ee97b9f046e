package churn

import (
	"fmt"
	"regexp"
	"strings"
)

// field describes one column of a fixed-layout row, as a printf directive
// wrote it: a value matching re, padded with spaces to width (on the left
// when right is set, like %6ld; on the right otherwise, like %-23s), then
// sep. A value longer than width is printed whole, without padding.
type field struct {
	name  string
	re    *regexp.Regexp // the value; compiled anchored at the start
	width int
	right bool
	// fixed fields are always exactly width bytes (net-tools truncates the
	// value first), so the value may contain spaces.
	fixed bool
	// sep follows the field; the last field has none.
	sep string
	// rest marks the last field: the value runs to the end of the line,
	// without its trailing padding.
	rest bool
}

// f returns a left-aligned field.
func f(name, re string, width int, sep string) field {
	return field{name: name, re: anchored(re), width: width, sep: sep}
}

// parseFields splits line by the layout and returns the values in order,
// or an error naming the first field that does not fit.
func parseFields(line string, layout []field) ([]string, error) {
	vals := make([]string, 0, len(layout))
	pos := 0
	for _, fd := range layout {
		s := line[pos:]
		var v string
		switch {
		case fd.rest:
			v = strings.TrimRight(s, " ")
			if len(s) != max(fd.width, len(v)) {
				return nil, fmt.Errorf("%s: padded to %d bytes, want %d", fd.name, len(s), max(fd.width, len(v)))
			}
			if fd.re.FindString(v) != v {
				return nil, fmt.Errorf("%s: value %q does not match %s", fd.name, v, fd.re)
			}
			return append(vals, v), nil
		case fd.fixed:
			if len(s) < fd.width {
				return nil, fmt.Errorf("%s: line ends inside the %d-byte field", fd.name, fd.width)
			}
			v = strings.TrimRight(s[:fd.width], " ")
			if v == "" || fd.re.FindString(v) != v {
				return nil, fmt.Errorf("%s: value %q does not match %s", fd.name, v, fd.re)
			}
			pos += fd.width
		case fd.right:
			pad := len(s) - len(strings.TrimLeft(s, " "))
			v = fd.re.FindString(s[pad:])
			if v == "" || pad != max(0, fd.width-len(v)) {
				return nil, fmt.Errorf("%s: %q is not a value right-aligned in %d bytes", fd.name, s[:min(len(s), fd.width)], fd.width)
			}
			pos += pad + len(v)
		default:
			v = fd.re.FindString(s)
			pad := max(0, fd.width-len(v))
			if len(s) < len(v)+pad || strings.Trim(s[len(v):len(v)+pad], " ") != "" {
				return nil, fmt.Errorf("%s: value %q is not padded to %d bytes", fd.name, v, fd.width)
			}
			pos += len(v) + pad
		}
		if !strings.HasPrefix(line[pos:], fd.sep) {
			return nil, fmt.Errorf("%s: value %q is not followed by %q", fd.name, v, fd.sep)
		}
		pos += len(fd.sep)
		vals = append(vals, v)
	}
	if pos != len(line) {
		return nil, fmt.Errorf("%d unexpected bytes after the last field: %q", len(line)-pos, line[pos:])
	}
	return vals, nil
}
