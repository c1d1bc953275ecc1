package httpapi

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
)

var pathParam = regexp.MustCompile(`\{([a-zA-Z_]+)(\.\.\.)?\}`)

// OpenAPI builds the OpenAPI 3.1 document of routes from the same schemas that validate
// their requests, so the document cannot drift from the behaviour.
func OpenAPI(routes []Documented, title, version string) []byte {
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		p := OpenAPIPath(rt.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     rt.Summary,
			"operationId": operationID(rt.Method, rt.Path),
			"tags":        []string{tag(rt.Path)},
			"responses":   responses(rt),
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		if rt.Query != nil {
			params = append(params, queryParams(rt.Query.JSONSchema())...)
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Body != nil {
			op["requestBody"] = map[string]any{
				"required": true,
				"content":  map[string]any{"application/json": map[string]any{"schema": rt.Body.JSONSchema()}},
			}
		}
		switch rt.Security {
		case Admin:
			op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"secretKey": []string{}}}
		case Storefront:
			op["security"] = []any{map[string]any{"publishableKey": []string{}}}
		}
		paths[p][strings.ToLower(rt.Method)] = op
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": title, "version": version, "description": "Wire-compatible with Medusa v2's sales channel, product, API key, stock and cart routes."},
		"paths":   paths,
		"components": map[string]any{
			"schemas": map[string]any{
				"Error": map[string]any{
					"type":     "object",
					"required": []string{"type", "message"},
					"properties": map[string]any{
						"type":    map[string]any{"type": "string", "enum": []string{"not_found", "invalid_data", "not_allowed", "unauthorized", "forbidden", "duplicate_error", "conflict", "unknown_error"}},
						"message": map[string]any{"type": "string"},
						"code":    map[string]any{"type": "string"},
					},
				},
			},
			"securitySchemes": map[string]any{
				"bearer":         map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "Token from POST /auth/user/emailpass"},
				"secretKey":      map[string]any{"type": "http", "scheme": "basic", "description": "A secret API key (sk_...) as the user name"},
				"publishableKey": map[string]any{"type": "apiKey", "in": "header", "name": "x-publishable-api-key"},
			},
		},
	}
	b, _ := json.Marshal(doc)
	return b
}

func queryParams(schema map[string]any) []any {
	props, _ := schema["properties"].(map[string]any)
	names := slices.Sorted(maps.Keys(props))
	out := make([]any, 0, len(names))
	for _, n := range names {
		p := map[string]any{"name": n, "in": "query", "schema": props[n]}
		if s, ok := props[n].(map[string]any); ok && (s["type"] == "object" || s["anyOf"] != nil || s["type"] == "array") {
			p["style"] = "deepObject"
			p["explode"] = true
		}
		out = append(out, p)
	}
	return out
}

func responses(rt Documented) map[string]any {
	ok := map[string]any{"description": "Success"}
	if rt.Response != "" {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{
			"type": "object", "description": "The response's top-level key is " + rt.Response,
		}}}
	}
	errResp := map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{
		"schema": map[string]any{"$ref": "#/components/schemas/Error"},
	}}}
	return map[string]any{"200": ok, "400": errResp, "401": errResp, "404": errResp}
}

func operationID(method, path string) string {
	var sb strings.Builder
	sb.WriteString(strings.ToLower(method))
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '-' || r == '{' || r == '}' || r == '.' || r == '_' }) {
		sb.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return sb.String()
}

func tag(path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) >= 2 {
		return parts[0] + " " + parts[1]
	}
	return parts[0]
}
