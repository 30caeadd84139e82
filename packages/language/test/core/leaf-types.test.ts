import { expect, test } from 'vitest';
import { Connect, Group, LengthOption, Member, Named } from '../../src/generated/ast.js';
import { leafType } from '../../src/leaf-types.js';

test('a type no other derives from may be tested by its $type; a type with subtypes is refused when the module loads', () => {
    expect(leafType(Connect.$type)).toBe('Connect');
    expect(leafType(Group.$type)).toBe('Group');
    expect(leafType(LengthOption.$type)).toBe('LengthOption');
    // Comparing `$type` with these would miss their subtypes (Instance, Group and Layer are Named; every statement is a Member).
    expect(() => leafType(Named.$type)).toThrow(/Named has subtypes \(Group, Instance, Layer, Named\)/);
    expect(() => leafType(Member.$type)).toThrow(/Member has subtypes/);
});
