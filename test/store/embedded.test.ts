import { openStore } from '../../store';
import { useTempDirs } from '../domain/calendar/fixture';
import { storeContract } from './store-contract';

const tempDir = useTempDirs('duban-store-');

storeContract('embedded (SQLite and files)', async () => {
  const dataDir = tempDir();
  return () => openStore({ dataDir });
});
