import type Docker from 'dockerode';

/** Stops (gracefully, within `timeoutSeconds`) and removes one container; gone already is fine. */
export async function removeContainer(docker: Docker, id: string, timeoutSeconds = 10): Promise<void> {
  await stopContainer(docker, id, timeoutSeconds);
  await docker
    .getContainer(id)
    // v: anonymous volumes (an image's VOLUME without our named mount) die with their container; named ones stay.
    .remove({ force: true, v: true })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
    });
}

/** Stops one container gracefully within `timeoutSeconds`; stopped or gone already is fine. */
export async function stopContainer(docker: Docker, id: string, timeoutSeconds: number): Promise<void> {
  await docker
    .getContainer(id)
    .stop({ t: timeoutSeconds })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304 && error.statusCode !== 404) throw error;
    });
}
