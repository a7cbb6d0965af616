/**
 * @peculiar/x509 2.x resolves its algorithm providers through tsyringe, which refuses to load
 * unless `Reflect.getMetadata` exists (normally from the `reflect-metadata` package, which is
 * not a dependency here). tsyringe only uses these three functions, so a small map-backed
 * stand-in is enough. It installs nothing if a real polyfill is already present, and must be
 * imported before @peculiar/x509 (x509.ts does that).
 */
type Key = unknown;
type MetadataReflect = typeof Reflect & {
  defineMetadata?: (key: Key, value: unknown, target: object) => void;
  getOwnMetadata?: (key: Key, target: object) => unknown;
  getMetadata?: (key: Key, target: object) => unknown;
};

const reflect = Reflect as MetadataReflect;

if (typeof reflect.getMetadata !== 'function') {
  const stores = new WeakMap<object, Map<Key, unknown>>();
  reflect.defineMetadata = (key, value, target) => {
    let store = stores.get(target);
    if (!store) stores.set(target, (store = new Map()));
    store.set(key, value);
  };
  reflect.getOwnMetadata = (key, target) => stores.get(target)?.get(key);
  // Like reflect-metadata, an inherited class sees its parent's metadata.
  reflect.getMetadata = (key, target) => {
    for (let o: object | null = target; o; o = Object.getPrototypeOf(o) as object | null) {
      const store = stores.get(o);
      if (store?.has(key)) return store.get(key);
    }
    return undefined;
  };
}

export {};
