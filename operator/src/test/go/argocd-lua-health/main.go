// Command argocd-lua-health runs Argo CD resource health checks written in Lua the way Argo CD's
// application controller runs a custom check from argocd-cm (util/lua in argo-cd v3.6): in
// gopher-lua (Lua 5.1), with only the package, base and table libraries and a reduced os library
// (time and date) unless the check's useOpenLibs is set, the resource in the global obj, a one
// second limit, and the returned table read as Argo CD reads it.
//
// It serves many checks per process: each line of standard input is a JSON request
//
//	{"script": "<lua source>", "object": {...the resource...}, "useOpenLibs": false}
//
// and each answer is one line of JSON on standard output: {"status": "...", "message": "..."}
// or {"error": "..."} when Argo CD would report the check as failed. Vigil's tests
// (operator/src/test/java/dev/vigil/gitops) run it; scripts/go-binaries.sh builds it.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"time"

	lua "github.com/yuin/gopher-lua"
	luajson "layeh.com/gopher-json"
)

type request struct {
	Script      string          `json:"script"`
	Object      json.RawMessage `json:"object"`
	UseOpenLibs bool            `json:"useOpenLibs"`
}

type health struct {
	Status  string `json:"status,omitempty"`
	Message string `json:"message,omitempty"`
}

type answer struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Error   string `json:"error,omitempty"`
}

// The health codes Argo CD accepts from a check; any other becomes Unknown.
var validStatuses = map[string]bool{
	"Unknown": true, "Progressing": true, "Suspended": true, "Healthy": true, "Degraded": true,
	"Missing": true,
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		line := bytes.TrimSpace(in.Bytes())
		if len(line) == 0 {
			continue
		}
		var a answer
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			a.Error = "bad request: " + err.Error()
		} else if h, err := assess(req); err != nil {
			a.Error = err.Error()
		} else {
			a.Status, a.Message = h.Status, h.Message
		}
		encoded, _ := json.Marshal(a)
		out.Write(encoded)
		out.WriteByte('\n')
		out.Flush()
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "argocd-lua-health:", err)
		os.Exit(1)
	}
}

func assess(req request) (health, error) {
	object, err := decodeObject(req.Object)
	if err != nil {
		return health{}, fmt.Errorf("bad object: %w", err)
	}
	l := lua.NewState(lua.Options{SkipOpenLibs: !req.UseOpenLibs})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.OsLibName, openReducedOs},
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true},
			lua.LString(lib.name)); err != nil {
			return health{}, fmt.Errorf("opening %s: %w", lib.name, err)
		}
	}
	l.PreloadModule(lua.OsLibName, loadReducedOs)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, object))
	if err := l.DoString(req.Script); err != nil {
		return health{}, err
	}
	return readResult(l.Get(-1))
}

// readResult reads what the check returned as Argo CD's ExecuteHealthLua does: a table through
// JSON into {status, message}, an empty table or nil as an empty health, an unknown status as
// Unknown, anything else as an error.
func readResult(value lua.LValue) (health, error) {
	switch value.Type() {
	case lua.LTNil:
		return health{}, nil
	case lua.LTTable:
		encoded, err := luajson.Encode(value)
		if err != nil {
			return health{}, err
		}
		var h health
		if err := json.Unmarshal(encoded, &h); err != nil {
			// An empty table encodes as [].
			typeError := &json.UnmarshalTypeError{Value: "array", Type: reflect.TypeOf(&h)}
			if errors.As(err, &typeError) {
				return health{}, nil
			}
			return health{}, err
		}
		if !validStatuses[h.Status] {
			return health{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
		}
		return h, nil
	default:
		return health{}, fmt.Errorf("expect table output from Lua script, not %s", value.Type())
	}
}

// decodeObject reads the resource as Kubernetes' unstructured decoding does: integers as int64,
// other numbers as float64.
func decodeObject(raw json.RawMessage) (any, error) {
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	return numbersAsKubernetesDoes(value), nil
}

func numbersAsKubernetesDoes(value any) any {
	switch v := value.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = numbersAsKubernetesDoes(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = numbersAsKubernetesDoes(v[k])
		}
	}
	return value
}

// toLua turns the resource into Lua values as Argo CD does: maps and slices become tables
// (slices indexed from 1), numbers Lua numbers, null nil.
func toLua(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case int64:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case string:
		return lua.LString(v)
	case []any:
		table := l.CreateTable(len(v), 0)
		for _, item := range v {
			table.Append(toLua(l, item))
		}
		return table
	case map[string]any:
		table := l.CreateTable(0, len(v))
		for key, item := range v {
			table.RawSetH(lua.LString(key), toLua(l, item))
		}
		return table
	}
	return lua.LNil
}

// Argo CD gives checks only os.time and os.date (no exit, execute, remove, getenv...); both are
// gopher-lua's own functions, taken from its os library.
var reducedOsFunctions = []string{"time", "date"}

func reducedOs(l *lua.LState) *lua.LTable {
	scratch := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer scratch.Close()
	scratch.Push(scratch.NewFunction(lua.OpenOs))
	scratch.Push(lua.LString(lua.OsLibName))
	scratch.Call(1, 1)
	full := scratch.Get(-1).(*lua.LTable)
	reduced := l.NewTable()
	for _, name := range reducedOsFunctions {
		fn := full.RawGetString(name).(*lua.LFunction)
		reduced.RawSetString(name, l.NewFunction(fn.GFunction))
	}
	return reduced
}

func openReducedOs(l *lua.LState) int {
	module := reducedOs(l)
	l.SetGlobal(lua.OsLibName, module)
	if loaded, ok := l.GetField(l.Get(lua.RegistryIndex), "_LOADED").(*lua.LTable); ok {
		loaded.RawSetString(lua.OsLibName, module)
	}
	l.Push(module)
	return 1
}

func loadReducedOs(l *lua.LState) int {
	l.Push(reducedOs(l))
	return 1
}
