// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseCurrentUser, parseUsers } from './users'

describe('user DTOs', () => {
  // b24restdocs api-reference/user/user-get.md: ID as a string, NAME/LAST_NAME may be empty or null
  it('names users «Имя Фамилия», falls back to #ID, and reads lists given as objects', () => {
    const users = parseUsers([
      { ID: '7', NAME: 'Анна', LAST_NAME: 'Петрова' },
      { ID: '8', NAME: 'Олег', LAST_NAME: '' },
      { ID: '9', NAME: null, LAST_NAME: null },
    ])
    expect(users).toEqual([
      { id: 7, name: 'Анна Петрова' },
      { id: 8, name: 'Олег' },
      { id: 9, name: '#9' },
    ])
    expect(parseUsers({ a: { ID: 3, NAME: 'Ия', LAST_NAME: 'Ли' } })).toEqual([{ id: 3, name: 'Ия Ли' }])
  })

  // b24restdocs api-reference/user/user-current.md
  it('reads the current user ID and refuses a reply without one', () => {
    expect(parseCurrentUser({ ID: '12', NAME: 'Анна' })).toBe(12)
    expect(() => parseCurrentUser({ NAME: 'Анна' })).toThrow()
  })
})
