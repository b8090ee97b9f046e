// Package schematest checks JSON documents against the schema that
// docs/json.md describes, read from the tables of that file, so that the
// tests of package jsonout and of test/jsonout hold the real output to the
// documentation: a field that is not documented, has another type, or is
// missing while documented as always there is an error.
package schematest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
)

// Field is one documented field of an object.
type Field struct {
	Type   string
	Always bool // the "when" column says "always"
}

// Schema maps object names to their fields. An object documented without
// a table is a union told apart by its "kind" member (see objectFor).
type Schema struct {
	Objects map[string]map[string]Field
}

// Load reads the schema from a docs/json.md file.
func Load(path string) (*Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}

// Parse reads the schema from the Markdown text of docs/json.md: each
// "### Object `name`" heading, followed by a table whose rows are
// | field | type | when | meaning |.
func Parse(r io.Reader) (*Schema, error) {
	s := &Schema{Objects: map[string]map[string]Field{}}
	sc := bufio.NewScanner(r)
	var cur map[string]Field
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "### Object `"); ok {
			name = strings.TrimSuffix(name, "`")
			cur = map[string]Field{}
			s.Objects[name] = cur
			continue
		}
		if strings.HasPrefix(line, "#") {
			cur = nil
			continue
		}
		if cur == nil || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) < 4 {
			return nil, fmt.Errorf("table row with %d cells: %q", len(cells), line)
		}
		name := strings.TrimSpace(cells[0])
		if name == "field" || strings.HasPrefix(name, "---") {
			continue
		}
		cur[name] = Field{Type: strings.TrimSpace(cells[1]), Always: strings.TrimSpace(cells[2]) == "always"}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if _, ok := s.Objects["document"]; !ok {
		return nil, fmt.Errorf("no Object `document` in the schema")
	}
	return s, nil
}

// Check decodes every line of out as a document and checks it; it returns
// the problems found (at most a few per field path).
func (s *Schema) Check(out []byte) []error { return s.CheckAs(out, "document") }

// CheckAs is Check for lines that are each a documented object root (for
// example "nat_document" for --nat --json).
func (s *Schema) CheckAs(out []byte, root string) []error {
	var errs []error
	seen := map[string]bool{}
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			errs = append(errs, fmt.Errorf("line %d: not JSON: %v", i+1, err))
			continue
		}
		if dec.More() {
			errs = append(errs, fmt.Errorf("line %d: more than one document", i+1))
		}
		s.value(v, "object "+root, "$", seen, &errs)
	}
	return errs
}

// value checks v against a documented type.
func (s *Schema) value(v any, typ, path string, seen map[string]bool, errs *[]error) {
	fail := func(format string, args ...any) {
		key := path + ": " + format
		if !seen[key] {
			seen[key] = true
			*errs = append(*errs, fmt.Errorf("%s: "+format, append([]any{path}, args...)...))
		}
	}
	switch {
	case typ == "string":
		if _, ok := v.(string); !ok {
			fail("want a string, got %T", v)
		}
	case typ == "string or null":
		if _, ok := v.(string); !ok && v != nil {
			fail("want a string or null, got %T", v)
		}
	case typ == "integer":
		n, ok := v.(json.Number)
		if !ok || strings.ContainsAny(n.String(), ".eE") {
			fail("want an integer, got %v", v)
		}
	case typ == "number":
		if _, ok := v.(json.Number); !ok {
			fail("want a number, got %v", v)
		}
	case strings.HasPrefix(typ, "object ") && strings.HasSuffix(typ, " or null"):
		if v != nil {
			s.value(v, strings.TrimSuffix(typ, " or null"), path, seen, errs)
		}
	case typ == "boolean":
		if _, ok := v.(bool); !ok {
			fail("want a boolean, got %T", v)
		}
	case strings.HasPrefix(typ, "array of "):
		a, ok := v.([]any)
		if !ok {
			fail("want an array, got %T", v)
			return
		}
		elem := strings.TrimPrefix(typ, "array of ")
		if _, isObj := s.Objects[elem]; isObj {
			elem = "object " + elem
		}
		for i, e := range a {
			s.value(e, elem, fmt.Sprintf("%s[%d]", path, i), seen, errs)
		}
	case typ == "map of integer":
		m, ok := v.(map[string]any)
		if !ok {
			fail("want an object, got %T", v)
			return
		}
		for k, e := range m {
			s.value(e, "integer", path+"."+k, seen, errs)
		}
	case strings.HasPrefix(typ, "object "):
		s.object(v, strings.TrimPrefix(typ, "object "), path, seen, errs, fail)
	default:
		fail("undocumented type %q in the schema", typ)
	}
}

// object checks an object: every member documented, of its type, and
// every "always" field present.
func (s *Schema) object(v any, name, path string, seen map[string]bool, errs *[]error, fail func(string, ...any)) {
	m, ok := v.(map[string]any)
	if !ok {
		fail("want an object %s, got %T", name, v)
		return
	}
	name, err := s.objectFor(name, m)
	if err != nil {
		fail("%v", err)
		return
	}
	fields := s.Objects[name]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := fields[k]
		if !ok {
			fail("field %q is not documented for object %s", k, name)
			continue
		}
		s.value(m[k], f.Type, path+"."+k, seen, errs)
	}
	for k, f := range fields {
		if _, ok := m[k]; f.Always && !ok {
			fail("field %q of object %s is documented as always there but missing", k, name)
		}
	}
}

// objectFor resolves a union (an object documented without fields) by the
// member "kind": the object named like its value, or value + "_" + the
// union's name.
func (s *Schema) objectFor(name string, m map[string]any) (string, error) {
	fields, ok := s.Objects[name]
	if !ok {
		return "", fmt.Errorf("object %s is not documented", name)
	}
	if len(fields) > 0 {
		return name, nil
	}
	kind, _ := m["kind"].(string)
	for _, cand := range []string{kind, kind + "_" + name} {
		if f, ok := s.Objects[cand]; ok && len(f) > 0 && kind != "" {
			return cand, nil
		}
	}
	return "", fmt.Errorf("%s with kind %q matches no documented object", name, kind)
}

// Require loads the schema at path and fails t unless every line of out is
// a documented root object.
func Require(t testing.TB, path string, out []byte, root string) {
	t.Helper()
	s, err := Load(path)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	for _, err := range s.CheckAs(out, root) {
		t.Errorf("%s: %v", root, err)
	}
}
