package names

import (
	"bufio"
	"bytes"
	"io"
)

// isSpace reports whether c is a space character in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// forEachLine feeds fn the lines of r the way glibc's __nss_readline hands
// them to the nss_files parsers:
//
//   - a line ends at '\n' (kept), and only the part before a NUL byte
//     counts (it is a C string);
//   - leading whitespace is skipped; empty lines and lines whose first
//     non-blank character is '#' are dropped;
//   - when leading whitespace was removed, glibc moves the rest of the line
//     to the front without its terminating NUL, so the last k bytes (k =
//     number of removed blanks) appear twice. That is harmless when the
//     line ends in '\n' (parsers stop there) but turns a final unterminated
//     "  1.2.3.4 name" into "1.2.3.4 namee"-style text. It is reproduced.
//
// A read error ends the input quietly.
func forEachLine(r io.Reader, fn func(line []byte)) {
	if r == nil {
		return
	}
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes('\n')
		if len(raw) > 0 {
			if i := bytes.IndexByte(raw, 0); i >= 0 {
				raw = raw[:i]
			}
			k := 0
			for k < len(raw) && isSpace(raw[k]) {
				k++
			}
			if k < len(raw) && raw[k] != '#' {
				line := raw[k:]
				if k > 0 {
					line = append(append([]byte(nil), line...), raw[len(raw)-k:]...)
				}
				fn(line)
			}
		}
		if err != nil {
			return
		}
	}
}

// cutAt returns line up to the first byte that is '\n' or in set, like the
// strpbrk at the start of glibc's generated parse_line.
func cutAt(line []byte, set string) []byte {
	for i, c := range line {
		if c == '\n' || (set != "" && bytes.IndexByte([]byte(set), c) >= 0) {
			return line[:i]
		}
	}
	return line
}

// field splits off the next field the way glibc's STRING_FIELD macro does:
// the field runs to the first byte for which stop is true (or the end);
// that byte is dropped and, with swallow, so are the following stop bytes.
func field(line []byte, stop func(byte) bool, swallow bool) (f, rest []byte) {
	i := 0
	for i < len(line) && !stop(line[i]) {
		i++
	}
	f = line[:i]
	if i == len(line) {
		return f, line[i:]
	}
	i++
	for swallow && i < len(line) && stop(line[i]) {
		i++
	}
	return f, line[i:]
}

// intField parses the next number the way glibc's INT_FIELD macro does on
// 64-bit glibc 2.36: strtoul with base (0 means C auto-detection), a
// terminator byte that stop accepts (then skipped, more of them only with
// swallow) or the end of the line. ok is false when the line is invalid.
//
// The reference system rejects values above 0xffffffff (including negative
// numbers other than those that wrap into range, e.g. "-0"); this was
// measured with getent against the installed glibc.
func intField(line []byte, stop func(byte) bool, swallow bool, base int) (v uint32, rest []byte, ok bool) {
	n, used, ok := strtoul(line, base)
	if !ok || used == 0 || n > 0xffffffff {
		return 0, nil, false
	}
	rest = line[used:]
	switch {
	case len(rest) == 0:
	case stop(rest[0]):
		rest = rest[1:]
		for swallow && len(rest) > 0 && stop(rest[0]) {
			rest = rest[1:]
		}
	default:
		return 0, nil, false
	}
	return uint32(n), rest, true
}

// strtoul mimics C strtoul in the C locale. used is the number of bytes
// consumed (0 when no digits were found). ok is false on overflow, where C
// returns ULONG_MAX with ERANGE.
func strtoul(s []byte, base int) (v uint64, used int, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	hexPrefix := i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && digitVal(s[i+2]) < 16
	switch {
	case base == 0 && hexPrefix:
		base = 16
		i += 2
	case base == 16 && hexPrefix:
		i += 2
	case base == 0 && i < len(s) && s[i] == '0':
		base = 8
	case base == 0:
		base = 10
	}
	start := i
	ok = true
	for i < len(s) {
		d := digitVal(s[i])
		if d >= base {
			break
		}
		if v > (^uint64(0)-uint64(d))/uint64(base) {
			ok = false
		}
		v = v*uint64(base) + uint64(d)
		i++
	}
	if i == start {
		return 0, 0, true
	}
	if !ok {
		return ^uint64(0), i, false
	}
	if neg {
		v = -v
	}
	return v, i, true
}

// digitVal returns the value of c as a digit in bases up to 36, or 99.
func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}
