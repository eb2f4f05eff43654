// Photo endpoints (docs/api.md § Photos). A photo is uploaded on its own first; a work record then
// refers to it by id (`photos: [id, …]`) and answers `PhotoRef`s whose `url` serves the image.
import { http } from './http';
import type { Photo } from './types';

/**
 * POST /photos: the body is the image itself, sent with the file's own type as Content-Type
 * (JPEG, PNG or WebP, ≤ 5 MiB; the server checks the bytes agree). `orgId` is the owner (default:
 * the caller's org). 422 field `photo` when not an image or the type does not match, 413 when too
 * large, 404 field `org_id` when the org is out of scope.
 */
export function uploadPhoto(file: File | Blob, orgId?: number): Promise<Photo> {
  return http.post<Photo>('/photos', file, { query: { org_id: orgId } });
}
