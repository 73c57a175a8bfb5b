import { RestError } from '../../../core/errors'
import type { MethodTable } from '../../../core/types'
import { fileUrl, isFilePair, saveFile } from '../../../files/files'
import { formatPortalDate } from './dates'
import { CALL_COST } from './legacy-methods'
import { isObject, param, positiveId } from './params'

/**
 * Minimal Drive for file fields: the app's storage and an upload into its root folder
 * (b24restdocs `api-reference/disk/storage/disk-storage-get-for-app.md`,
 * `api-reference/disk/folder/disk-folder-upload-file.md`). Files land in table `files`.
 */

/** The app's storage and its root folder have fixed ids in the sandbox. */
export const APP_STORAGE_ID = 1
export const APP_ROOT_FOLDER_ID = 1

export const diskMethods: MethodTable = {
  'disk.storage.getForApp': {
    scope: 'disk',
    adminOnly: true,
    appContextOnly: true,
    cost: CALL_COST,
    handler: () => ({
      ID: String(APP_STORAGE_ID),
      NAME: 'Хранилище приложения',
      CODE: null,
      MODULE_ID: 'disk',
      ENTITY_TYPE: 'restapp',
      ENTITY_ID: '1',
      ROOT_OBJECT_ID: String(APP_ROOT_FOLDER_ID),
    }),
  },
  'disk.folder.uploadfile': {
    scope: 'disk',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const folderId = positiveId(param(params, 'id'))
      if (folderId === null) throw new RestError(400, 'ERROR_ARGUMENT', "Parameter 'id' is required", { argument: 'id' })
      if (folderId !== APP_ROOT_FOLDER_ID) throw new RestError(404, 'ERROR_NOT_FOUND', 'Could not find entity with id `' + folderId + '`')
      const data = param(params, 'data')
      const name = isObject(data) ? String(data.NAME ?? '').trim() : ''
      if (!name) throw new RestError(400, 'DISK_BASE_SERVICE_22001', 'Name is not set')
      const content = param(params, 'fileContent')
      if (!isFilePair(content)) {
        throw new RestError(400, 'ERROR_ARGUMENT', 'Upload by URL is not supported in the sandbox: pass fileContent [name, base64]', {
          argument: 'fileContent',
        })
      }
      const created = formatPortalDate(ctx.now())
      let file
      try {
        file = saveFile(ctx.store, { name, base64: content[1], authorId: ctx.user.ID, created, folderId })
      } catch {
        throw new RestError(400, 'ERROR_COULD_NOT_SAVE_FILE', 'Could not save file')
      }
      const url = fileUrl(ctx.origin, file)
      return {
        ID: file.ID,
        NAME: file.NAME,
        CODE: null,
        STORAGE_ID: String(APP_STORAGE_ID),
        TYPE: 'file',
        PARENT_ID: String(folderId),
        DELETED_TYPE: 0,
        GLOBAL_CONTENT_VERSION: 1,
        FILE_ID: file.ID,
        SIZE: String(file.SIZE),
        CREATE_TIME: created,
        UPDATE_TIME: created,
        DELETE_TIME: null,
        CREATED_BY: String(ctx.user.ID),
        UPDATED_BY: String(ctx.user.ID),
        DELETED_BY: null,
        DOWNLOAD_URL: url,
        DETAIL_URL: url,
      }
    },
  },
}
