package jsonout

import (
	"bytes"
	"encoding/json"
	"testing"
)

// referenceString is encoding/json's text for s, HTML escaping off.
func referenceString(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var escapeCases = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr",
	"\x00\x01\x1f\x7f", "\b\f", "héllo wörld", "日本語", "\u2028\u2029",
	"bad \xff byte", "\xc3", "cut \xe6\x97", "@/run/systemd/private",
	"<html>&amp;", "\xed\xa0\x80 surrogate", "emoji 😀",
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range escapeCases {
		got := appendString(nil, s)
		want := referenceString(t, s)
		if !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("appendString(%q) is not JSON: %v", s, err)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString([]byte("x"), s)
		want := append([]byte("x"), referenceString(t, s)...)
		if !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
