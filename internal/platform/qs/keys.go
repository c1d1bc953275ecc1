package qs

import "strings"

// parseKeys splits a raw key such as "a[b][0]" into its chain and builds the nested value; it
// returns nil for keys qs ignores (empty, or naming an Object.prototype property).
func parseKeys(key string, val any) any {
	if key == "" {
		return nil
	}
	segs := bracketSegments(key)
	parent := key
	if len(segs) > 0 {
		parent = key[:segs[0][0]]
	}
	var chain []string
	if parent != "" {
		if isProtoKey(parent) {
			return nil
		}
		chain = append(chain, parent)
	}
	for i, s := range segs {
		if i == depth {
			// Past the depth limit the rest of the key stays one literal segment.
			chain = append(chain, "["+key[s[0]:]+"]")
			break
		}
		seg := key[s[0]:s[1]]
		if isProtoKey(seg[1 : len(seg)-1]) {
			return nil
		}
		chain = append(chain, seg)
	}
	return parseObject(chain, val)
}

// bracketSegments finds the "[...]" groups without nested brackets, like qs's /(\[[^[\]]*])/g.
func bracketSegments(key string) [][2]int {
	var out [][2]int
	for i := 0; i < len(key); i++ {
		if key[i] != '[' {
			continue
		}
		j := strings.IndexAny(key[i+1:], "[]")
		if j < 0 {
			break
		}
		if key[i+1+j] == ']' {
			out = append(out, [2]int{i, i + j + 2})
			i += j + 1
		}
	}
	return out
}

// parseObject builds the value for a chain from the leaf outwards.
func parseObject(chain []string, leaf any) any {
	for i := len(chain) - 1; i >= 0; i-- {
		root := chain[i]
		if root == "[]" {
			// [].concat(leaf): an array leaf is copied, anything else wrapped.
			leaf = combine(newArray(), leaf)
			continue
		}
		clean := root
		if len(root) >= 2 && root[0] == '[' && root[len(root)-1] == ']' {
			clean = root[1 : len(root)-1]
		}
		if n, ok := arrayIndex(clean); ok && root != clean {
			arr := newArray()
			arr.setIndex(n, leaf)
			leaf = arr
			continue
		}
		obj := newObject()
		if clean != "__proto__" {
			obj.set(clean, leaf)
		}
		leaf = obj
	}
	return leaf
}
