package routes

import (
	"strconv"
	"strings"
)

// cSprintf formats like C printf for the conversions net-tools' route code
// uses: %s and %d with an optional '-' flag, a width and, for %s, a
// precision. A width pads and never truncates; a precision truncates. The
// format strings are copied from the C source, which keeps every blank.
// Arguments are strings and int32s; anything else is a programming error.
func cSprintf(format string, args ...any) string {
	var b strings.Builder
	ai := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		leftAlign := false
		if format[i] == '-' {
			leftAlign = true
			i++
		}
		width := 0
		for format[i] >= '0' && format[i] <= '9' {
			width = width*10 + int(format[i]-'0')
			i++
		}
		prec := -1
		if format[i] == '.' {
			i++
			prec = 0
			for format[i] >= '0' && format[i] <= '9' {
				prec = prec*10 + int(format[i]-'0')
				i++
			}
		}
		var text string
		switch format[i] {
		case 's':
			text = args[ai].(string)
			if prec >= 0 && len(text) > prec {
				text = text[:prec]
			}
		case 'd':
			text = strconv.FormatInt(int64(args[ai].(int32)), 10)
		default:
			panic("routes: unsupported conversion in " + format)
		}
		ai++
		pad := strings.Repeat(" ", max(0, width-len(text)))
		if leftAlign {
			b.WriteString(text)
			b.WriteString(pad)
		} else {
			b.WriteString(pad)
			b.WriteString(text)
		}
	}
	return b.String()
}

// cString is s as a C string: cut at its first NUL byte.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// clip cuts s to at most n bytes, as a char[n+1] holding it does.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
