package schematest

import (
	"strings"
	"testing"
)

func loadDocs(t *testing.T) *Schema {
	t.Helper()
	s, err := Load("../../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDocsParse(t *testing.T) {
	s := loadDocs(t)
	for _, name := range []string{"document", "inet_socket", "unix_socket", "endpoint", "timer", "tcp_info", "route", "interface", "section", "group"} {
		if len(s.Objects[name]) == 0 {
			t.Errorf("object %s has no fields in docs/json.md", name)
		}
	}
}

func TestCheckCatchesProblems(t *testing.T) {
	s := loadDocs(t)
	good := `{"version":1,"table":"sockets","sockets":[{"kind":"unix","protocol":"unix","protocol_code":0,"ref_count":2,"flags":["ACC"],"flags_value":65536,"type":"STREAM","type_code":1,"state":"LISTENING","state_code":1,"inode":7,"path":"@x"}]}` + "\n"
	if errs := s.Check([]byte(good)); len(errs) != 0 {
		t.Fatalf("a valid document fails: %v", errs)
	}
	for _, c := range []struct{ doc, want string }{
		{strings.Replace(good, `"inode":7`, `"inode":7,"extra":1`, 1), `"extra" is not documented`},
		{strings.Replace(good, `"inode":7`, `"inode":"7"`, 1), "want an integer"},
		{strings.Replace(good, `"inode":7`, `"inode":7.5`, 1), "want an integer"},
		{strings.Replace(good, `"inode":7,`, ``, 1), `"inode" of object unix_socket is documented as always`},
		{strings.Replace(good, `"kind":"unix"`, `"kind":"nope"`, 1), `kind "nope" matches no documented object`},
		{strings.Replace(good, `]}`, `]`, 1), "not JSON"},
	} {
		errs := s.Check([]byte(c.doc))
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e.Error(), c.want)
		}
		if !found {
			t.Errorf("%s: errors %v, want one with %q", c.doc, errs, c.want)
		}
	}
}
