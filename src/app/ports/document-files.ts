/** Rendered files of a document (PDF, HTML), one per kind, tagged with the revision they show. */
export interface DocumentFilesRepo {
  saveFile(tenantId: string, documentId: string, kind: string, content: Buffer, revision: number): Promise<void>;
  getFile(tenantId: string, documentId: string, kind: string): Promise<{ content: Buffer; revision: number } | null>;
}
