package cfmt

import "strings"

// CString is s as C sees a string: everything before its first NUL byte.
func CString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// Clip cuts s to at most n bytes, as copying it into a char[n+1] does. It
// may cut a multi-byte UTF-8 character in two, as C does.
func Clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
