// The applications handlers' caller scope: the same identity link the registry trusts.
export { scoped } from '../registry/context';
