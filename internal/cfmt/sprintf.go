package cfmt

import "strconv"

// Sprintf formats like C's printf for the conversions net-tools' tables
// use: "%%", and %s and %d with an optional '-' flag (left-justify) and a
// width, plus a precision for %s. Widths and precisions count bytes. The
// format strings are meant to be copied from the C source, blanks and all.
// Arguments are strings for %s and int32s (C's int) for %d; any other
// conversion or argument is a programming error and panics.
func Sprintf(format string, args ...any) string {
	b := make([]byte, 0, len(format)+16)
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b = append(b, format[i])
			continue
		}
		var c conversion
		c, i = parseConversion(format, i+1)
		if c.verb == '%' {
			b = append(b, '%')
			continue
		}
		if next >= len(args) {
			panic("cfmt: missing argument for " + format)
		}
		b = c.append(b, args[next], format)
		next++
	}
	if next != len(args) {
		panic("cfmt: too many arguments for " + format)
	}
	return string(b)
}

// conversion is one parsed conversion specification, such as "%-6.6s".
type conversion struct {
	left      bool // the '-' flag
	width     int
	precision int // -1 when there is none
	verb      byte
}

// parseConversion reads the conversion that starts at format[i], just
// after its '%', and returns it with the index of its verb.
func parseConversion(format string, i int) (conversion, int) {
	at := func(i int) byte {
		if i < len(format) {
			return format[i]
		}
		return 0
	}
	c := conversion{precision: -1}
	if at(i) == '-' {
		c.left = true
		i++
	}
	c.width, i = parseDigits(format, i)
	if at(i) == '.' {
		c.precision, i = parseDigits(format, i+1)
	}
	c.verb = at(i)
	return c, i
}

// parseDigits reads the decimal number (0 when there are no digits) that
// starts at format[i] and returns it with the index just after it.
func parseDigits(format string, i int) (int, int) {
	n := 0
	for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
		n = n*10 + int(format[i]-'0')
	}
	return n, i
}

// append writes arg under conversion c; format is only for panic messages.
func (c conversion) append(b []byte, arg any, format string) []byte {
	var text string
	switch c.verb {
	case 's':
		s, ok := arg.(string)
		if !ok {
			panic("cfmt: %s needs a string in " + format)
		}
		if c.precision >= 0 {
			s = Clip(s, c.precision)
		}
		text = s
	case 'd':
		v, ok := arg.(int32)
		if !ok || c.precision >= 0 {
			panic("cfmt: %d needs an int32 and no precision in " + format)
		}
		text = strconv.FormatInt(int64(v), 10)
	default:
		panic("cfmt: unsupported conversion in " + format)
	}
	if c.left {
		return AppendLeft(b, text, c.width)
	}
	return AppendRight(b, text, c.width)
}
