package diagnose

import (
	"strconv"
	"strings"
	"testing"
)

func TestSetAndLoad(t *testing.T) {
	th := DefaultThresholds()
	cfg := "# my limits\n\n  close-wait-warning = 3\nports-critical=50.5\n"
	if err := LoadThresholds(strings.NewReader(cfg), &th); err != nil {
		t.Fatal(err)
	}
	if th.CloseWaitWarning != 3 || th.PortsCritical != 50.5 {
		t.Errorf("loaded %+v", th)
	}
	if th.CloseWaitCritical != DefaultThresholds().CloseWaitCritical {
		t.Error("a setting not in the file changed")
	}
}

func TestSetRejects(t *testing.T) {
	th := DefaultThresholds()
	for _, c := range [][2]string{{"nope", "1"}, {"ports-warning", "x"}, {"ports-warning", "-1"}, {"ports-warning", "NaN"}, {"ports-warning", "Inf"}} {
		if err := th.Set(c[0], c[1]); err == nil {
			t.Errorf("Set(%q, %q) accepted", c[0], c[1])
		}
	}
	if th != DefaultThresholds() {
		t.Error("a rejected setting changed the thresholds")
	}
	err := LoadThresholds(strings.NewReader("ports-warning=1\nbogus line\n"), &th)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %v, want one naming line 2", err)
	}
}

func TestEveryNameSetsItsOwnField(t *testing.T) {
	seen := map[float64]string{}
	th := Thresholds{}
	for i, name := range ThresholdNames() {
		v := float64(1000 + i)
		if err := th.Set(name, strconv.FormatFloat(v, 'f', -1, 64)); err != nil {
			t.Fatal(err)
		}
		seen[v] = name
	}
	if got := len(seen); got != len(thresholdNames) {
		t.Fatalf("%d names", got)
	}
	// Every field got a distinct value: no two names share a field.
	values := map[float64]bool{}
	for _, f := range thresholdNames {
		values[*f(&th)] = true
	}
	if len(values) != len(thresholdNames) {
		t.Errorf("%d distinct values for %d names: two names set one field", len(values), len(thresholdNames))
	}
}
