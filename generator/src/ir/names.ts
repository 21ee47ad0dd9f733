/** `publish` → `Publish`, `get_user_info` → `GetUserInfo`: the stem of a method's type names. */
export function methodTypeName(method: string): string {
  return method
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `publish` → `publish`, `get_user_info` → `getUserInfo`: a method's member name in code. */
export function methodMemberName(method: string): string {
  const pascal = methodTypeName(method);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}
