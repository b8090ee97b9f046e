package nat

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestWriteFlowsJSON(t *testing.T) {
	flows := fixtureFlows()
	SortFlows(flows)
	var out bytes.Buffer
	if err := WriteFlowsJSON(&out, flows); err != nil {
		t.Fatal(err)
	}
	golden(t, "flows.json", out.Bytes())

	var doc struct {
		Version int
		Flows   []map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Version != FlowsJSONVersion || len(doc.Flows) != len(flows) {
		t.Fatalf("version %d, %d flows", doc.Version, len(doc.Flows))
	}
	for i, row := range doc.Flows {
		f := &flows[i]
		if row["snat"] != f.SNAT() || row["dnat"] != f.DNAT() {
			t.Errorf("flow %d: snat %v dnat %v", i, row["snat"], row["dnat"])
		}
		orig := row["original"].(map[string]any)
		if orig["src"] != f.Original.Src.Addr().String() {
			t.Errorf("flow %d: original src %v", i, orig["src"])
		}
		_, hasPort := orig["sport"]
		_, hasICMP := orig["icmp"]
		if hasPort != hasPorts(f) || hasICMP != f.isICMP() {
			t.Errorf("flow %d: sport %v icmp %v", i, hasPort, hasICMP)
		}
		if (row["counters"] != nil) != f.Counted {
			t.Errorf("flow %d: counters %v", i, row["counters"])
		}
	}
}

func TestWriteFlowsJSONEmpty(t *testing.T) {
	var out bytes.Buffer
	if err := WriteFlowsJSON(&out, nil); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "{\"version\":1,\"table\":\"nat\",\"flows\":[]}\n" {
		t.Errorf("%q", got)
	}
}
