// What a web page ships to verify balances itself (bench/light-client measures its size): the
// light client, its libp2p transport (WebRTC-direct, WebSockets) and its IndexedDB store.
export { createIdbStore } from '../../light-client/client/idb-store.ts';
export { createLibp2pTransport } from '../../light-client/client/libp2p-transport.ts';
export { createLightClient } from '../../light-client/index.ts';
