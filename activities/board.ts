/**
 * A duty writes its own row of the board's read model (store/board.ts) each
 * time it publishes its standing: the board follows a report as soon as the
 * Update that recorded it returns, on every web server reading the store.
 */
import type { BoardWrite } from '../contracts/board';
import type { Store } from '../store';

export interface BoardDeps {
  store: Pick<Store, 'board'>;
}

export function createBoardActivities(deps: BoardDeps) {
  return {
    async writeBoard(write: BoardWrite): Promise<void> {
      await deps.store.board.write(write);
    },
  };
}
